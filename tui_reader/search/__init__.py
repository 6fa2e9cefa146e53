"""Searching the archive: the query language (`query`) and how results read (`results`).

The index and the SQL live in the store (`tui_reader.store.search`); nothing here touches SQLite
or Textual, and the reader loads this package only when a search starts.
"""
