"""Entities: one record per real-world referent, with every mention of it.

Starts from spaCy's named entities and repairs what a small model gets wrong, then finds the
mentions NER does not give and clusters everything into referents:

1. **Names.** NER spans of PERSON, ORG, GPE, NORP, LOC, FAC and EVENT, cut at line breaks (a span
   never crosses a paragraph), without a leading "the" or a trailing possessive. Country knowledge
   (:mod:`newsledger.knowledge.countries`) fixes their type: a country name is a GPE, a capital a GPE of its
   own with the country set (whether "New Delhi" stands for India's government is for places to say),
   a demonym see 2. Country names NER missed are found by a dictionary pass over capitalised tokens
   (and inside hyphenated compounds: "Russia-brokered" gives a "Russia" mention). Where NER labels
   the same words differently across the text, all their mentions vote for one type.
2. **Demonyms.** An adjectival demonym ("Armenian aggression", "former Soviet republics") is a mention
   of its country's GPE entity: the phrase means that country's aggression. A demonym used as a noun
   for people ("613 Azerbaijanis") is a NORP entity with the country set and sector CVL: a people is
   not its state.
3. **Groups.** A head noun from ``resources/entity_groups.tsv`` (forces, army, government, embassy,
   civilians ...) with a country modifier (demonym, possessive, "of Armenia", "whose", or shared in a
   coordination: "the government, parliament and people of Pakistan") is a group entity of that country,
   with the table's type and sector. Mentions with the same country and class are one group.
4. **People.** Titles before a name ("Ambassador Khazar Farhadov", "Russian Foreign Minister ...",
   ``resources/entity_titles.tsv``) become ``Entity.title``; a surname alone joins the bearer of it
   mentioned most so far (a lone given name, the only person with it). A person's country comes from,
   in order: a country word before the title, "of Nigeria" after a titled name, an appositive role noun
   ("X, Azerbaijan's ambassador", "a spokeswoman for the Russian foreign ministry"), or the institution
   of the title (ambassador -> embassy) named with a country in the same or one of the two paragraphs
   before.
5. **Role nouns.** A definite role noun ("the ambassador", "the foreign minister") refers back to the most
   recent person whose title has the same role class.
6. **Organisations.** An acronym and its expansion are one referent ("United Nations"/"UN",
   ``resources/org_aliases.tsv`` or initials); a later name that ends an earlier one ("Security Council")
   joins it. Standard epithets (``resources/entity_epithets.tsv``: "the world body" -> UN) join the most
   recent matching organisation, or stand alone when unambiguous.

Entity ids are ``ent-1``, ``ent-2`` ... in order of first mention. The ``name`` is the fullest proper
name (without title or "the"); a country is named by :func:`newsledger.knowledge.countries.country_name`.

Modules, from the bottom up: ``vocabulary`` (the tables), ``mention`` (a candidate mention and the token
primitives), ``names`` (NER names, countries and demonyms), ``groups``, ``epithets``, ``titles`` and ``roles``
(the other mention passes), ``collect`` (all mentions of a Doc), ``cluster`` (clusters, their keys and
names), ``votes`` (type evidence), ``clusterer`` (mentions to referents), ``entity_countries`` (an entity's
country), ``queries`` (look-ups for later extractors); this module runs them.

Example::

    >>> text = "Ambassador Khazar Farhadov spoke. Farhadov smiled. Earlier, the ambassador met reporters."
    >>> ledger = analyze(text)  # doctest: +SKIP
    >>> [(e.name, e.title, [m.text for m in e.mentions]) for e in ledger.entities]  # doctest: +SKIP
    [('Khazar Farhadov', 'Ambassador', ['Khazar Farhadov', 'Farhadov', 'the ambassador'])]
"""

from __future__ import annotations

import re

from newsledger.extract.entities.cluster import Cluster, _cluster_name
from newsledger.extract.entities.clusterer import Clusterer
from newsledger.extract.entities.collect import collect_mentions
from newsledger.extract.entities.entity_countries import _entity_country, _institution_countries
from newsledger.extract.entities.epithets import epithet_mentions
from newsledger.extract.entities.groups import group_mentions
from newsledger.extract.entities.mention import Mention
from newsledger.extract.entities.names import NER_TYPES, gazetteer_mentions, name_mentions
from newsledger.extract.entities.queries import entity_at, mentions_before, mentions_in
from newsledger.extract.entities.roles import role_mentions
from newsledger.extract.entities.vocabulary import Epithet, Group, Lexicon, Title, lexicon
from newsledger.extract.entities.votes import _cluster_type, vote_types
from newsledger.extract.parsed import text as doc_text
from newsledger.knowledge.actors import actor_code
from newsledger.model import Entity, Ledger, Span

CODED_TYPES = frozenset({"PERSON", "ORG", "NORP"})
_NOT_A_NAME = re.compile(r"^['’]s\b|^@|['’]s\s\d{4}$")
"""Pieces the tagger took for names: the tail of a possessive ("’s Haqqani" of "the Taliban’s Haqqani
network"), a name with a year ("Trump’s 1995", a tax return's), a social-media handle ("@Ilhan")."""
"""Entity types the actor dictionary codes (places are the gazetteer's)."""

__all__ = [
    "NER_TYPES",
    "Cluster",
    "Clusterer",
    "Epithet",
    "Group",
    "Lexicon",
    "Mention",
    "Title",
    "collect_mentions",
    "entity_at",
    "epithet_mentions",
    "extract",
    "gazetteer_mentions",
    "group_mentions",
    "lexicon",
    "mentions_before",
    "mentions_in",
    "name_mentions",
    "role_mentions",
    "vote_types",
]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def extract(doc, ledger: Ledger) -> list[Entity]:
    """One Entity per referent, ids in order of first mention (see the module docstring)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    mentions = collect_mentions(doc)
    vote_types(doc, mentions)
    clusterer = Clusterer(doc)
    rest = clusterer.people(mentions)
    clusterer.bare_surnames(mentions)
    rest = clusterer.countries(rest)
    clusterer.names(rest)
    clusterer.roles(rest)
    clusterer.epithets(rest)
    _institution_countries(clusterer, text)
    entities = []
    clusters = sorted((c for c in clusterer.clusters if c.mentions), key=lambda c: c.first)
    for cluster in clusters:
        spans = sorted({(m.start, m.end) for m in cluster.mentions})
        etype = _cluster_type(cluster)
        name = _cluster_name(doc, cluster)
        if _NOT_A_NAME.search(name):
            continue
        country, sector = _entity_country(doc, cluster), cluster.sector
        if etype in CODED_TYPES and (country is None or sector is None):
            # What the text does not say, the actor dictionary may: the Taliban are Afghan rebels, the FBI
            # is US police, valid on the publication date. The text's own country and sector come first.
            known = actor_code(name, ledger.article.published)
            elite = known is not None and known.sector == "ELI"
            if known is not None and not (elite and cluster.title and not cluster.title.sector):
                # An elite code says only where someone comes from; a role the text gives with no sector
                # of its own may speak for no country at all (a Portuguese former minister who is now
                # the UN's Secretary-General).
                country, sector = country or known.country, sector or known.sector
        entities.append(
            Entity(
                id=f"ent-{len(entities) + 1}",
                name=name,
                type=etype,
                mentions=tuple(_span(text, s, e) for s, e in spans),
                country=country,
                sector=sector,
                title=cluster.title.title if cluster.title else None,
            )
        )
    return entities
