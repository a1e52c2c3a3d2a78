"""Across articles: stories, merged events, contested figures and sourcing balance.

Everything here reads Ledgers (from the store or from ``analyze_many``) and returns plain
frozen dataclasses; nothing here parses text or writes to the store.
"""

from newsledger.corpus.events import EventMention, MergedEvent, merge_events
from newsledger.corpus.figures import ContestedFigure, FigureClaim, contested_figures
from newsledger.corpus.sourcing import SourcingBalance, sourcing_balance
from newsledger.corpus.stories import Story, group_stories

__all__ = [
    "ContestedFigure",
    "EventMention",
    "FigureClaim",
    "MergedEvent",
    "SourcingBalance",
    "Story",
    "contested_figures",
    "group_stories",
    "merge_events",
    "sourcing_balance",
]
