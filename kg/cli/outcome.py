"""How a subcommand ends: the exit codes (0 ok, 1 data problem, 2 usage) and the error that carries one."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A subcommand cannot go on; `main` prints the message and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_DATA):
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = EXIT_DATA) -> int:
    """Say what went wrong on stderr and give the exit code."""
    print(f"kg: {message}", file=sys.stderr)
    return code
