"""warday: a terminal reader for the daily Russia-Ukraine war digest."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("warday")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
