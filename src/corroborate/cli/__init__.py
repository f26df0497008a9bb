"""The command line: one module per command, each a thin layer over the library.

Library errors become one clean line on stderr; exit status is 0 only when every
source was read, 1 when some input failed, 2 for usage errors.
"""

from __future__ import annotations

from corroborate.cli.main import cli, main

__all__ = ["cli", "main"]
