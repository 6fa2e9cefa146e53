"""Fetching digests from the site into the store: `sync_blocking` for the CLI and the reader."""

from tui_reader.fetch.sync import SyncProgress, SyncReport, SyncScope, sync_blocking
from tui_reader.fetch.votes import queue_and_send_vote

__all__ = ["SyncProgress", "SyncReport", "SyncScope", "queue_and_send_vote", "sync_blocking"]
