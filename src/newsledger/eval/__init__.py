"""Evaluators: each scores one extractor against a benchmark and backs a ``newsledger eval`` command."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def first_of_each_kind(mistakes: Iterable[dict], kinds: Sequence[str], n: int) -> list[dict]:
    """Up to ``n`` mistakes of each kind, kinds in the order given (what ``--errors N`` shows).

    >>> first_of_each_kind([{"kind": "b"}, {"kind": "a"}, {"kind": "b"}], ("a", "b"), 1)
    [{'kind': 'a'}, {'kind': 'b'}]
    """
    mistakes = list(mistakes)
    return [m for kind in kinds for m in [x for x in mistakes if x["kind"] == kind][:n]]
