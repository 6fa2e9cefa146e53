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
    # 5: full-text search. `passage` holds one row per headline, paragraph, bulletin topic and
    # bullet, addressed as in tui_reader.passages (side, part, line); `passage_search` indexes
    # them (FTS5, porter stemming, no case or accents), kept in step by triggers. `side_search`
    # holds one row per side of a day (rowid = day * 4 + side code, western 0, russian 1,
    # bulletin 2, any other 3), its headlines (topic headings) apart from its paragraphs
    # (bullets): queries match and rank whole sides there. The passages of digests already
    # stored are read from their bodies.
    """
    CREATE TABLE passage (
        id INTEGER PRIMARY KEY,
        digest_id INTEGER NOT NULL REFERENCES digest(id) ON DELETE CASCADE,
        side TEXT NOT NULL,
        part INTEGER NOT NULL,
        line INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX passage_by_digest ON passage (digest_id);
    CREATE VIRTUAL TABLE passage_search USING fts5 (
        text,
        content = 'passage',
        content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE side_search USING fts5 (
        headline,
        body,
        side,
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    INSERT INTO side_search (side_search, rank) VALUES ('rank', 'bm25(2.0, 1.0, 0.0)');
    CREATE TRIGGER passage_added AFTER INSERT ON passage BEGIN
        INSERT INTO passage_search (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER passage_removed AFTER DELETE ON passage BEGIN
        INSERT INTO passage_search (passage_search, rowid, text)
        VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER digest_removed AFTER DELETE ON digest BEGIN
        DELETE FROM side_search WHERE rowid BETWEEN old.day * 4 AND old.day * 4 + 3;
    END;
    INSERT INTO passage (digest_id, side, part, line, text)
    SELECT digest_id, side, part, line, text FROM (
        SELECT d.id AS digest_id, json_extract(s.value, '$.side') AS side, s.key AS part,
               0 AS line, json_extract(s.value, '$.headline') AS text
        FROM digest d, json_each(d.body, '$.perspectives') s WHERE json_valid(d.body)
        UNION ALL
        SELECT d.id, json_extract(s.value, '$.side'), s.key, p.key + 1, p.value
        FROM digest d, json_each(d.body, '$.perspectives') s, json_each(s.value, '$.paragraphs') p
        WHERE json_valid(d.body)
        UNION ALL
        SELECT d.id, 'bulletin', s.key, 0, json_extract(s.value, '$.heading')
        FROM digest d, json_each(d.body, '$.sections') s
        WHERE json_valid(d.body) AND json_extract(s.value, '$.heading') IS NOT NULL
        UNION ALL
        SELECT d.id, 'bulletin', s.key, p.key + 1, p.value
        FROM digest d, json_each(d.body, '$.sections') s, json_each(s.value, '$.paragraphs') p
        WHERE json_valid(d.body)
    )
    ORDER BY digest_id, part, line;
    INSERT INTO side_search (rowid, headline, body, side)
    SELECT d.day * 4 + CASE p.side WHEN 'western' THEN 0 WHEN 'russian' THEN 1
                                   WHEN 'bulletin' THEN 2 ELSE 3 END,
           coalesce(group_concat(CASE WHEN p.line = 0 THEN p.text END, char(10)), ''),
           coalesce(group_concat(CASE WHEN p.line > 0 THEN p.text END, char(10)), ''),
           p.side
    FROM (SELECT * FROM passage ORDER BY digest_id, part, line) p
    JOIN digest d ON d.id = p.digest_id
    GROUP BY p.digest_id, p.side;
    """,
    # 6: indexes holding what the day list and the fetcher look up, so that listing, counting and
    # finding days read a small index instead of every stored digest with its body.
    """
    CREATE INDEX digest_entry ON digest
        (day, published, kind, headlines, sample, votes_count, votes_average, item_id);
    CREATE INDEX digest_sample ON digest (sample) WHERE sample = 1;
    """,
    # 7: the store indexes a digest's new passages itself, with one statement (search.py's
    # `index_passages`): a trigger indexing each row as it is inserted made FTS5 write its
    # pending index out once per passage, which took most of the time of storing a day.
    # Removing passages still goes through `passage_removed`.
    """
    DROP TRIGGER passage_added;
    """,
)
"""Never edit a released script: add the next one."""
