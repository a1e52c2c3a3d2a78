"""From one laptop to a cluster: worker processes, Ray Data, Parquet shards, the throughput benchmark.

* :mod:`newsledger.scale.local`: ``analyze_parallel``, the pipeline over local worker processes
  (``newsledger analyze --workers N``), Ledgers back in input order;
* :mod:`newsledger.scale.shards`: Ledgers as Parquet shards in the store's export schema, and
  ``load_shards`` into a store (``newsledger analyze --out DIR``, ``newsledger load DIR``);
* :mod:`newsledger.scale.distributed`: the same pipeline on Ray Data (``newsledger analyze --ray``),
  writing shards; Ray is an optional extra (``pip install newsledger[ray]``), imported only there;
* :mod:`newsledger.scale.throughput`: the benchmark behind ``newsledger bench``.

Nothing here changes what a Ledger holds: every path runs :func:`newsledger.pipeline.build_ledger`.
The submodules are imported where used (this package imports none of them), so that the CLI starts
without loading spaCy.
"""
