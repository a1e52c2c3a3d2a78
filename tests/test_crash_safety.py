"""Crash safety, for real: a `newsledger analyze` process killed with SIGKILL part-way loses nothing
and duplicates nothing once it is run again, and two processes writing one ledger at once lose
nothing. The processes are real (``python -m newsledger.cli``), each loading spaCy, so these
tests are slow (about 30 s together); ``NEWSLEDGER_CRASH_ROUNDS=5`` repeats the kill test.

"Exactly once" is checked on every table that could hold a copy: one articles row per document,
one search-index row per article, and every article's records equal to what was written (the
stored digest of the whole Ledger matches the Ledger read back).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.model import article_id, normalise_text
from newsledger.store import Store
from newsledger.store.store import ledger_digest

pytestmark = pytest.mark.slow

DOCUMENTS = 300
CITIES = ["Lyon", "Kyiv", "Gaza", "Lima", "Oslo", "Dakar", "Quito", "Hanoi", "Baku", "Yerevan"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ROUNDS = int(os.environ.get("NEWSLEDGER_CRASH_ROUNDS", "1"))
RUN_TIMEOUT = 300


def write_corpus(directory: Path, count: int, seed: int = 0, prefix: str = "doc") -> set[str]:
    """``count`` small, distinct news-like documents; returns their article ids."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    ids = set()
    for number in range(count):
        city, day = rng.choice(CITIES), rng.choice(DAYS)
        text = (
            f"Floods hit {city}, report {prefix}-{number}\n\n"
            f"Officials in {city} said on {day} that {rng.randint(2, 900)} people were hurt. "
            f"“We need help now,” the mayor told reporters."
        )
        (directory / f"{prefix}{number:04d}.txt").write_text(text, encoding="utf-8")
        ids.add(article_id(normalise_text(text)))
    return ids


def analyze_command(db: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", "analyze", *map(str, paths), "--db", str(db)]


def stored_count(db: Path) -> int:
    """Articles committed so far, read as another process would (WAL: readers never block the writer)."""
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def kill_after(db: Path, command: list[str], at_least: int) -> int:
    """Start ``command``, SIGKILL it once ``at_least`` articles are stored (plus a random instant);
    returns how many were stored when it died."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while stored_count(db) < at_least:
            assert process.poll() is None, "the analysis ended before it could be killed"
            assert time.monotonic() < deadline, "the analysis made no progress"
            time.sleep(0.02)
        time.sleep(random.uniform(0, 0.2))  # land anywhere: mid-parse, mid-transaction, between commits
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return stored_count(db)


def check_exactly_once(db: Path, expected_ids: set[str]) -> None:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        indexed = [row[0] for row in conn.execute("SELECT article_id FROM search_index WHERE kind = 'article'")]
        digests = dict(conn.execute("SELECT id, digest FROM articles"))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(ids) == len(set(ids)) == len(expected_ids) and set(ids) == expected_ids
    assert sorted(indexed) == sorted(ids), "the search index holds each article once"
    with Store.open(db) as store:
        assert store.errors() == []
        for ledger in store.ledgers():
            assert ledger_digest(ledger) == digests[ledger.article.id], f"{ledger.article.id}: records incomplete"


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_kill_9_part_way_then_rerun_stores_every_document_exactly_once(tmp_path, round_number):
    corpus = tmp_path / "corpus"
    expected = write_corpus(corpus, DOCUMENTS, seed=round_number)
    db = tmp_path / "ledger.db"
    command = analyze_command(db, corpus)
    first = kill_after(db, command, at_least=DOCUMENTS // 5)
    second = kill_after(db, command, at_least=min(first + DOCUMENTS // 4, DOCUMENTS - 20))
    assert 0 < first < second < DOCUMENTS, (first, second)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert finished.returncode == 0, finished.stderr
    assert f"analyzed {DOCUMENTS} article(s)" in finished.stderr
    check_exactly_once(db, expected)


def test_two_processes_writing_one_ledger_lose_nothing(tmp_path):
    own_a = write_corpus(tmp_path / "a", 80, seed=1, prefix="a")
    own_b = write_corpus(tmp_path / "b", 80, seed=2, prefix="b")
    shared = write_corpus(tmp_path / "shared", 20, seed=3, prefix="s")  # both write these: no duplicates
    db = tmp_path / "ledger.db"
    processes = [
        subprocess.Popen(analyze_command(db, tmp_path / name, tmp_path / "shared"), stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=RUN_TIMEOUT)
        assert process.returncode == 0, stderr
        assert "analyzed 100 article(s)" in stderr
    check_exactly_once(db, own_a | own_b | shared)
