"""`newsledger bench`: throughput of spaCy alone against the whole pipeline, side by side in one run.

What is measured and the JSON keys: :mod:`newsledger.scale.throughput`. ``bench/throughput.py`` runs the
same command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def bench(
    workers: Annotated[int, typer.Option("--workers", min=0, help="Also time N worker processes (vs one).")] = 0,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N texts (default: all of them).")] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help="Repeat and keep each measure's fastest.")] = 3,
    texts: Annotated[
        Path | None, typer.Option("--texts", help="The article-extraction benchmark directory (ground-truth.json).")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Throughput of spaCy alone and of the full pipeline on the same real articles, in one run."""
    from newsledger.scale.throughput import run

    result = run(texts, limit=limit, rounds=rounds, workers=workers, model=model)
    if as_json:
        typer.echo(json.dumps(result))
        return
    lines = [
        f"{result['documents']} articles, {result['tokens']} tokens from {result['texts']}; "
        f"best of {rounds} rounds; load average {result['load_average']}",
        f"spaCy alone     {result['spacy_articles_per_s']:8.2f} articles/s {result['spacy_tokens_per_s']:8d} tokens/s",
        f"full pipeline   {result['pipeline_articles_per_s']:8.2f} articles/s "
        f"{result['pipeline_tokens_per_s']:8d} tokens/s  ({result['pipeline_vs_spacy']:.3f} of spaCy's)",
    ]
    if "workers_speedup" in result:
        lines.append(f"{result['workers']} workers       {result['workers_articles_per_s']:8.2f} articles/s "
                     f"({result['workers_speedup']:.2f}x one process)")
    lines.append(f"peak memory     {result['peak_rss_mb']:.0f} MB")
    if "warc_records_per_s" in result:
        lines.append(f"WARC reading    {result['warc_records_per_s']} records/s ({result['warc_pages_per_s']} pages/s, "
                     f"{result['warc_records']} records, {result['warc_mb']} MB gzipped)")
    for line in lines:
        typer.echo(line)
