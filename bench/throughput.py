"""Throughput of spaCy alone and of the full newsledger pipeline, side by side in one run.

    .venv/bin/python bench/throughput.py [--workers 2] [--limit N] [--rounds R] [--json]

The same benchmark as ``newsledger bench`` (:func:`newsledger.cli.bench.bench`); see
:mod:`newsledger.scale.throughput` for what is measured and the JSON keys.
"""

from __future__ import annotations

import typer

from newsledger.cli.bench import bench

if __name__ == "__main__":
    typer.run(bench)
