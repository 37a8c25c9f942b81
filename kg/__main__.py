"""`python -m kg`: the same command line as the `kg` script (kg.cli)."""

from kg.cli import main

raise SystemExit(main())
