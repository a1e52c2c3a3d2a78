"""Limits on what one article may cost: its text size, its HTML size and its analysis time.

News articles are small: a 10,000-word long read is about 60,000 characters, and its page rarely
weighs 1 MB. Inputs far beyond that are a mistake (a book, a database dump, a crawler's error page
repeated a million times) or an attack, and they would hold a batch up for minutes or exhaust
memory. So every article is held to a :class:`Limits`:

* ``max_chars``: characters of article text (after normalisation); checked in ingest, and again
  by the pipeline before spaCy sees the text, since spaCy's parse of one text cannot be stopped
  part-way: the size limit is what bounds it;
* ``max_html_bytes``: bytes of an HTML page, checked before trafilatura parses it;
* ``seconds``: wall-clock seconds for the extractors on one article. The pipeline checks the
  budget between extractors and, in a process's main thread on POSIX, also arms a timer that
  interrupts an extractor still running when it is spent (:func:`time_budget`).

An input over a limit is refused with a reason that names the limit and the option that raises it;
nothing is silently truncated (a cut text would get another content id and lose its end).

The limits in force come from :func:`current_limits`: the defaults, or what :func:`using_limits`
set for the code it wraps (the CLI wraps a whole ``analyze`` run in it), so that readers deep in
ingest need no extra argument.

Example::

    >>> with using_limits(Limits(max_chars=10)):
    ...     text_size_problem("x" * 11)
    'text is 11 characters, over the limit of 10 (--max-chars)'
    >>> text_size_problem("x" * 11) is None
    True
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 200_000
"""Three times the longest news feature we have seen; spaCy's small pipeline parses it in seconds."""

DEFAULT_MAX_HTML_BYTES = 10 * 1024 * 1024
"""Pages of big news sites weigh 0.2–2 MB with their inline scripts; 10 MB leaves room for the worst."""

DEFAULT_SECONDS = 60.0
"""An article normally takes well under a second; a minute means something is wrong with it."""


@dataclass(frozen=True)
class Limits:
    """What one article may cost; ``None`` switches a limit off.

    >>> Limits().max_chars, Limits(seconds=None).seconds
    (200000, None)
    """

    max_chars: int | None = DEFAULT_MAX_CHARS
    max_html_bytes: int | None = DEFAULT_MAX_HTML_BYTES
    seconds: float | None = DEFAULT_SECONDS

    def __post_init__(self) -> None:
        for name in ("max_chars", "max_html_bytes", "seconds"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                raise ValueError(f"limit {name} must be a positive number or None, not {value!r}")


class LimitExceeded(ValueError):
    """An article is over one of its :class:`Limits`; the message names the limit."""


class ArticleTimeout(LimitExceeded):
    """An article's analysis ran past ``Limits.seconds``."""


DEFAULT_LIMITS = Limits()

_CURRENT: ContextVar[Limits] = ContextVar("newsledger_limits", default=DEFAULT_LIMITS)  # frozen: safe to share


def current_limits() -> Limits:
    """The limits in force here: the defaults, or those of the innermost :func:`using_limits`."""
    return _CURRENT.get()


@contextlib.contextmanager
def using_limits(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` the ones in force for the code inside the ``with`` block (this thread/task)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


# --- size checks ---------------------------------------------------------------------------------


def text_size_problem(text: str, limits: Limits | None = None) -> str | None:
    """Why ``text`` is too long for one article, or None when it is within the limit."""
    limit = (limits or current_limits()).max_chars
    if limit is None or len(text) <= limit:
        return None
    return f"text is {len(text):,} characters, over the limit of {limit:,} (--max-chars)"


def html_size_problem(html: str | bytes, limits: Limits | None = None) -> str | None:
    """Why an HTML page is too large, or None. A str is measured in UTF-8 bytes (without copying
    it when even one byte a character is over the limit).

    >>> html_size_problem(b"<p>" * 10, Limits(max_html_bytes=20))
    'HTML is 30 bytes, over the limit of 20 (--max-html-bytes)'
    """
    limit = (limits or current_limits()).max_html_bytes
    if limit is None:
        return None
    if isinstance(html, str):
        size = len(html) if len(html) > limit else len(html.encode("utf-8", "surrogatepass"))
    else:
        size = len(html)
    if size <= limit:
        return None
    return f"HTML is {size:,} bytes, over the limit of {limit:,} (--max-html-bytes)"


# --- time ----------------------------------------------------------------------------------------


class Budget:
    """Seconds left for one article; :meth:`check` raises ArticleTimeout once they are spent.

    >>> budget = Budget(None)
    >>> budget.check("entities")  # no limit: never raises
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.started = time.monotonic()

    def spent(self) -> bool:
        return self.seconds is not None and time.monotonic() - self.started > self.seconds

    def check(self, stage: str) -> None:
        """Raise ArticleTimeout when the budget is spent; ``stage`` says where the analysis stopped."""
        if self.spent():
            raise ArticleTimeout(timeout_message(self.seconds, stage))


def timeout_message(seconds: float | None, stage: str) -> str:
    """The reason an article's analysis was stopped.

    >>> timeout_message(2, "places")
    'analysis took over 2 s (the --timeout limit); stopped at places'
    """
    return f"analysis took over {seconds:g} s (the --timeout limit); stopped at {stage}"


def _can_interrupt() -> bool:
    """Only a POSIX process's main thread can take SIGALRM; elsewhere the checks alone apply."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float | None, stage: list[str] | None = None) -> Iterator[Budget]:
    """A :class:`Budget` of ``seconds``; where possible a timer also interrupts code still running
    when it is spent, raising ArticleTimeout inside it (``stage[0]``, if given, names where).

    The timer is the real-time interval timer (SIGALRM): it is armed only inside the block and the
    previous handler and timer are put back after it, so nested or unrelated users are not
    disturbed; code in C (spaCy's parser) is interrupted only when it returns to Python.

    >>> with time_budget(5) as budget:
    ...     budget.check("entities")
    """
    budget = Budget(seconds)
    if seconds is None or not _can_interrupt():
        yield budget
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise ArticleTimeout(timeout_message(seconds, stage[0] if stage else "an extractor"))

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer was running: give it its remaining time back
            left = max(previous_timer[0] - (time.monotonic() - budget.started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_timer[1])
