"""The command line, end to end through Typer's runner (spaCy loaded once per session)."""

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from tests.conftest import ACCEPTANCE_EXPECTED, ACCEPTANCE_PUBLISHED, ACCEPTANCE_TEXT, REPO, require_shared

runner = CliRunner()
EXAMPLES = REPO / "examples"
SCHEMA = json.loads((REPO / "docs" / "schema.json").read_text(encoding="utf-8"))

STORY = (
    "GENEVA: Talks between the two delegations resumed on Monday.\n\n"
    "“We are close to a deal,” mediator Anna Berg said. She added that a ceasefire could be signed this week."
)


@pytest.fixture
def db(tmp_path, nlp):  # nlp: make sure the model is loaded once, not timed per test
    return str(tmp_path / "ledger.db")


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_help_lists_the_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("analyze", "show", "search", "export", "list", "errors", "eval"):
        assert command in result.output


def test_analyze_examples_then_show_list_search_export(db, tmp_path):
    result = invoke("analyze", str(EXAMPLES), "--db", db)
    assert result.exit_code == 0, result.output
    expected = len([p for p in EXAMPLES.rglob("*.html")])
    assert f"analyzed {expected} article(s)" in result.output

    listing = invoke("list", "--db", db, "--json")
    rows = json.loads(listing.stdout)
    assert len(rows) == expected and all(row["published"] for row in rows)

    shown = invoke("show", rows[0]["id"][:8], "--db", db, "--json")
    assert shown.exit_code == 0
    jsonschema.validate(json.loads(shown.stdout), SCHEMA)

    table = invoke("show", "--all", "--db", db)
    assert table.exit_code == 0 and "Who said what" in table.stdout

    hits = json.loads(invoke("search", "ceasefire", "--db", db, "--json").stdout)
    assert hits and all(hit["article_id"] in {r["id"] for r in rows} for hit in hits)

    out = tmp_path / "ledger.jsonl"
    assert invoke("export", "--format", "jsonl", "--out", str(out), "--db", db).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == expected


def test_analyze_twice_changes_nothing(db):
    assert invoke("analyze", str(EXAMPLES / "01_ceasefire.html"), "--db", db).exit_code == 0
    assert invoke("analyze", str(EXAMPLES / "01_ceasefire.html"), "--db", db).exit_code == 0
    assert len(json.loads(invoke("list", "--db", db, "--json").stdout)) == 1


def test_stdin_json_output_validates_and_uses_published(db):
    result = invoke("analyze", "-", "--published", "2024-03-06", "--json", "--db", db, input=STORY)
    assert result.exit_code == 0, result.output
    ledger = json.loads(result.stdout.splitlines()[0])
    jsonschema.validate(ledger, SCHEMA)
    assert ledger["article"]["published"] == "2024-03-06"


def test_bad_inputs_are_named_the_batch_goes_on_and_exit_is_1(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x00\xc3\x28 not text")
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    result = invoke("analyze", str(empty), str(binary), str(tmp_path / "missing.txt"), str(good), "--db", db)
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert name in result.output
    assert "analyzed 1 article(s)" in result.output
    errors = json.loads(invoke("errors", "--db", db, "--json").stdout)
    assert len(errors) == 3


def test_bad_arguments_get_clear_errors(db, tmp_path):
    result = invoke("analyze", str(EXAMPLES), "--published", "last tuesday", "--db", db)
    assert result.exit_code == 2 and "not an ISO date" in result.output
    result = invoke("show", "--db", str(tmp_path / "nothing.db"), "--all")
    assert result.exit_code == 2 and "no ledger" in result.output
    assert invoke("analyze", "-", "--no-store", "--model", "no_such_model", input="Text.").exit_code == 2
    invoke("analyze", str(EXAMPLES / "01_ceasefire.html"), "--db", db)
    result = invoke("export", "--format", "xml", "--out", str(tmp_path / "x"), "--db", db)
    assert result.exit_code == 2 and "unknown format" in result.output
    result = invoke("show", "0000000000", "--db", db)
    assert result.exit_code == 1 and "no article" in result.output


@pytest.mark.slow
def test_acceptance_article_json_validates_and_eval_expected_reports_every_section(db):
    article = str(require_shared(ACCEPTANCE_TEXT))
    result = invoke("analyze", article, "--published", ACCEPTANCE_PUBLISHED, "--json", "--no-store")
    assert result.exit_code == 0
    jsonschema.validate(json.loads(result.stdout), SCHEMA)

    report = invoke("eval", "expected", article, str(ACCEPTANCE_EXPECTED), "--published", ACCEPTANCE_PUBLISHED,
                    "--json")
    assert report.exit_code == 0, report.output
    counts = json.loads(report.stdout)["total"]
    assert set(counts) == {"attributions", "sourcing", "times", "figures", "places", "entities", "events", "timeline"}
    assert counts["entities"]["must_passed"] == counts["entities"]["must_total"] == 5


def test_database_passwords_are_not_printed():
    from newsledger.cli.common import _shown

    assert _shown("postgresql://user:secret@db.example/ledger") == "postgresql://user:***@db.example/ledger"
    assert _shown("ledger.db") == "ledger.db"


def test_the_timeline_says_what_happened_as_show_does():
    import io

    from rich.console import Console

    from newsledger.cli.corpus import timeline_table
    from newsledger.cli.render import event_summary
    from newsledger.model import Article, Event, EventDate, Figure, Ledger, Span

    dead = Figure("fig-1", Span(0, 5, "1,500"), value=1500.0, category="killed")
    event = Event("ev-1", "ASSAULT", Span(6, 12, "killed"), date=EventDate("2020-09-27"), size={"dead": "fig-1"})
    ledger = Ledger(article=Article(id="a", text="1,500 killed"), figures=[dead], events=[event])
    console = Console(file=io.StringIO(), width=200)
    console.print(timeline_table(ledger))
    summary = "“killed” dead 1,500 (asserted)"  # whether it happened is always said
    assert event_summary(ledger, event) == summary and summary in console.file.getvalue()
