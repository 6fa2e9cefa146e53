"""warday: a terminal reader for the daily Russia-Ukraine war digest."""

__version__ = "0.1.0"
"""The one place the version is written: pyproject.toml reads it from here at build time (a
lookup in the installed metadata would cost every start-up tens of milliseconds)."""
