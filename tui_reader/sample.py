"""The bundled sample digest (Day 993), shown when nothing has been imported or fetched yet."""

from __future__ import annotations

from importlib.resources import files

from tui_reader.model import Digest, RawPage
from tui_reader.parse import read_digest
from tui_reader.store import SaveOutcome, Store

SAMPLE_FILE = "day-993.txt"


def sample_digest() -> tuple[Digest, RawPage]:
    """The sample, parsed by the same pipeline as any import."""
    data = files("tui_reader").joinpath("sample", SAMPLE_FILE).read_bytes()
    return read_digest(data, f"bundled sample ({SAMPLE_FILE})")


def store_sample(store: Store) -> SaveOutcome:
    """Put the sample in the store, marked as a sample (never replacing a real copy of its day)."""
    digest, raw = sample_digest()
    return store.save(digest, raw, sample=True)
