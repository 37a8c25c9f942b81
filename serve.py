"""Serve the live publication: `python serve.py [--host HOST] [--port PORT] [--output DIR]`.

The same as `kg serve`; settings also come from the environment (PORT, KG_OUTPUT, ...; see README).
"""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
