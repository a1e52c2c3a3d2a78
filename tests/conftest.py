"""Shared fixtures: the spaCy pipeline (loaded once per test session) and the ../shared paths."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ACCEPTANCE_TEXT = SHARED / "acceptance" / "000_1d2e9fc2f5538d53.txt"
ACCEPTANCE_EXPECTED = SHARED / "acceptance" / "000_1d2e9fc2f5538d53.expected.json"
ACCEPTANCE_PUBLISHED = "2021-11-10"


def require_shared(path: Path) -> Path:
    """Skip the calling test, with a clear message, when ../shared data is not laid out beside the repo."""
    if not path.exists():
        pytest.skip(f"needs {path} (the read-only ../shared folder beside the repository); not present here")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsledger.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def analyze_text(nlp):
    """analyze_text(text, published=None) -> Ledger, with the session's spaCy pipeline."""
    from newsledger.ingest.text import article_from_text
    from newsledger.pipeline import build_ledger

    def run(text: str, published: str | None = None):
        article = article_from_text(text, published=published)
        return build_ledger(nlp(article.text), article)

    return run


@pytest.fixture(scope="session")
def acceptance_ledger(analyze_text):
    text = require_shared(ACCEPTANCE_TEXT).read_text(encoding="utf-8")
    return analyze_text(text, published=ACCEPTANCE_PUBLISHED)


def fuzz_operation(operation, failures: list, max_examples: int, **call_options) -> None:
    """Send schemathesis-generated requests to one API operation (``case.call(**call_options)``); note
    every 5xx in ``failures`` as (method, path, query, body, status), and fail the operation on it."""
    import hypothesis
    from schemathesis.checks import not_a_server_error

    @hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy())
    def run(case):
        response = case.call(**call_options)
        if response.status_code >= 500:
            failures.append((operation.method, operation.path, case.query, case.body, response.status_code))
        case.validate_response(response, checks=[not_a_server_error])

    run()
