"""The schema: one SQL script per version, applied in order by `Database` when a store opens."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: digests, their raw originals, ratings, read state and small app state.
    """
    CREATE TABLE digest (
        id INTEGER PRIMARY KEY,
        day INTEGER NOT NULL UNIQUE,
        item_id INTEGER UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        url TEXT,
        headlines TEXT NOT NULL,
        body TEXT NOT NULL,
        votes_count INTEGER,
        votes_average REAL,
        sample INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE raw_page (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        origin TEXT,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE rating (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        rated_at TEXT NOT NULL
    );
    CREATE TABLE read_state (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        read_at TEXT NOT NULL
    );
    CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: fetching: listing pages with their HTTP validators, site items that failed or are not
    # digests, and votes waiting to be sent to the site.
    """
    CREATE TABLE http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE fetch_problem (
        item_id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        not_digest INTEGER NOT NULL,
        reason TEXT NOT NULL,
        noted_at TEXT NOT NULL
    );
    CREATE TABLE vote_queue (
        item_id INTEGER PRIMARY KEY,
        day INTEGER NOT NULL,
        url TEXT,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        answer TEXT
    );
    """,
    # 3: comparisons of a day's two sides, cached under a key of the text, the spellings table
    # and the extractor.
    """
    CREATE TABLE comparison (
        digest_id INTEGER PRIMARY KEY REFERENCES digest(id) ON DELETE CASCADE,
        cache_key TEXT NOT NULL,
        result TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
    """,
    # 4: ratings and read marks of days that are not stored (yet): restored from ratings.toml,
    # or kept when the sample day goes. They move onto their day when it is stored.
    """
    CREATE TABLE kept_rating (
        day INTEGER PRIMARY KEY,
        item_id INTEGER,
        stars INTEGER CHECK (stars BETWEEN 0 AND 5),
        rated_at TEXT,
        read_at TEXT
    );
    """,
)
"""Never edit a released script: add the next one."""
