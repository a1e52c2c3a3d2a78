"""A fixed split of a development set into a tuning half and a checking half.

Rules are fitted on the errors of the tuning half only; the checking half says whether they carry
over. The half of an item is a seeded hash of its key (an article's name, a sentence's text), so it
never changes with the order of the set or with items added to it.

    >>> half_of("ae-5caf91b8-san-francisco-stabbing") in HALVES
    True
"""

from __future__ import annotations

import hashlib

HALVES = ("tune", "check")
SEED = "newsledger-judged-2026"


def half_of(key: str, seed: str = SEED) -> str:
    """``"tune"`` or ``"check"`` for ``key``, the same on every run and machine."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return HALVES[digest[0] % 2]
