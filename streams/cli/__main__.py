"""``python -m streams.cli …`` is ``wirewatch …``."""

from streams.cli import main

raise SystemExit(main())
