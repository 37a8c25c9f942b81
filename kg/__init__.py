"""kg: publish curated facts from public-sector reports as a validated linked-data graph."""

__version__ = "0.1.0"
