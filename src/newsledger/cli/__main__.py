"""``python -m newsledger.cli``: the `newsledger` command."""

import sys

from newsledger.cli import app

sys.exit(app())
