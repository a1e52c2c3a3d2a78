"""Ledgers out of the store: tables (JSON lines, CSV, Parquet; :mod:`newsledger.export.tables`) and
PLOVER event records with CAMEO codes (:mod:`newsledger.export.plover`)."""
