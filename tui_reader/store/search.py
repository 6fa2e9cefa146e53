"""Full-text search (FTS5) over every stored passage: the index, ranked results, highlights.

A result is one side of one day (`western`, `russian`, or `bulletin` for the 2022 format). Queries
are matched and ranked (bm25, headlines counting double) against the whole text of each side in
`side_search`, so `kursk tanks` finds a side that names Kursk in one paragraph and tanks in
another. The highlights in a day come from its passages, indexed one by one in `passage_search`.

The query comes from `tui_reader.search.query`, loaded only when a search runs; this module stays
light because `Store` includes it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tui_reader.model import Digest, war_date
from tui_reader.passages import Highlight, passages
from tui_reader.store.database import Database, insert_rows

if TYPE_CHECKING:
    from tui_reader.search.query import Query

_MOST_PARAMETERS = 500
"""Digests indexed by one statement (SQLite allows at most 999 parameters in older builds)."""

SIDE_CODES = {"western": 0, "russian": 1, "bulletin": 2}
"""A side's place in `side_search` rowids (day * 4 + code); any other side is 3."""

MARK_START, MARK_END = "\x02", "\x03"
"""What FTS5 puts around a match in snippets and highlights: control characters that parsing
removes from web text, taken out again here before anything is shown."""

SNIPPET_TOKENS = 16
"""About how many words a snippet shows."""

_MARKS = re.compile(f"({MARK_START}|{MARK_END})")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One side of one day that matches: where, how well, and a snippet of its text."""

    day: int
    side: str
    headline: str
    """The side's (first) headline, or a bulletin's lead."""
    snippet: str
    marks: Spans
    """(start, end) of every match in `snippet`."""
    score: float
    """bm25 relevance: higher is better."""

    @property
    def war_date(self) -> date:
        return war_date(self.day)


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: list[SearchHit]
    total: int
    """How many results there are in all (`hits` may stop at a limit)."""


def index_passages(
    db: sqlite3.Connection,
    digest_id: int,
    digest: Digest,
    old_day: int | None = None,
    later: set[int] | None = None,
) -> None:
    """Index `digest`'s passages and sides in place of what was indexed for it before (for a
    digest stored before, `old_day` is its day then; a new one has nothing indexed yet: its day's
    sides left with any digest stored before on that day).

    With `later` (a batch under way), the passages are stored now and indexed when the batch
    commits (`index_stored`): FTS5 writes its pending index out at every savepoint, and a batch
    makes one per digest.
    """
    if later is not None and digest_id in later:  # stored earlier in this batch: index that first
        index_stored(db, later)
    if old_day is not None:
        db.execute("DELETE FROM passage WHERE digest_id = ?", (digest_id,))
        for day in {digest.day, old_day}:
            db.execute(
                "DELETE FROM side_search WHERE rowid BETWEEN ? AND ?", (day * 4, day * 4 + 3)
            )
    insert_rows(
        db,
        "INSERT INTO passage (digest_id, side, part, line, text)",
        [(digest_id, p.side, p.part, p.line, p.text) for p in passages(digest)],
    )
    if later is None:
        index_stored(db, {digest_id})
    else:
        later.add(digest_id)


def index_stored(db: sqlite3.Connection, digest_ids: set[int]) -> None:
    """Index the stored passages of `digest_ids` and their sides (those still stored: a digest
    undone since has none), and empty the set."""
    ordered = sorted(digest_ids)
    digest_ids.clear()
    for start in range(0, len(ordered), _MOST_PARAMETERS):
        chunk = ordered[start : start + _MOST_PARAMETERS]
        marks = ", ".join("?" * len(chunk))
        db.execute(
            "INSERT INTO passage_search (rowid, text)"
            f" SELECT id, text FROM passage WHERE digest_id IN ({marks})",
            chunk,
        )
        # One row of JSON, not a row per passage: each row fetched gives up Python's lock.
        passages_json: str | None = db.execute(
            "SELECT json_group_array(json_array(p.digest_id, p.part, p.line, p.id, d.day,"
            " p.side, p.text)) FROM passage p"
            f" JOIN digest d ON d.id = p.digest_id WHERE p.digest_id IN ({marks})",
            chunk,
        ).fetchone()[0]
        sides: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
        for _, _, line, _, day, side, text in sorted(json.loads(passages_json or "[]")):
            headlines, body = sides.setdefault((day, side), ([], []))
            (body if line else headlines).append(text)
        insert_rows(
            db,
            "INSERT INTO side_search (rowid, headline, body, side)",
            [
                (day * 4 + SIDE_CODES.get(side, 3), "\n".join(heads), "\n".join(body), side)
                for (day, side), (heads, body) in sides.items()
            ],
        )


def unmarked(marked: str) -> tuple[str, Spans]:
    """FTS5's marked text as plain text and the (start, end) of each marked stretch."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in _MARKS.split(marked):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(spans)


def side_match(query: Query) -> str:
    """The FTS5 expression for `side_search`: the query over the text, on the query's sides."""
    expression = f"{{headline body}} : ({query.fts()})"
    if set(SIDE_CODES) <= query.sides:
        return expression
    sides = " OR ".join(f'"{side}"' for side in sorted(query.sides))
    return f"{expression} AND side : ({sides})"


class Search(Database):
    """Searching the index that `Days.save` keeps in step with every stored digest."""

    def _begin_batch(self) -> None:
        super()._begin_batch()
        self._unindexed = set()

    def _before_batch_commit(self, db: sqlite3.Connection) -> None:
        if self._unindexed:
            index_stored(db, self._unindexed)
        super()._before_batch_commit(db)

    def _end_batch(self) -> None:
        super()._end_batch()
        self._unindexed = None

    def _before_samples_deleted(self, db: sqlite3.Connection) -> None:
        super()._before_samples_deleted(db)
        if self._unindexed:  # their passages must be in the index before they can leave it
            index_stored(db, self._unindexed)

    def search(
        self,
        query: Query,
        since: int | None = None,
        until: int | None = None,
        limit: int | None = None,
    ) -> SearchResults:
        """The sides of days that match `query`, best first (at most `limit` of them).

        One FTS5 query ranks every matching side and makes snippets for the ones returned (of
        their paragraphs; of their headlines when only those match).
        """
        if not query.sides:
            return SearchResults([], 0)
        match, parameters = self._side_filter(query, since, until)
        rows = self._read(
            "SELECT rowid, side, rank, snippet(side_search, 1, ?, ?, '…', ?)"
            f" FROM side_search WHERE {match} ORDER BY rank, rowid DESC LIMIT ?",
            (MARK_START, MARK_END, SNIPPET_TOKENS, *parameters, limit or -1),
        )
        if limit is None or len(rows) < limit:
            total = len(rows)
        else:
            total = self._read(f"SELECT count(*) FROM side_search WHERE {match}", parameters)[0][0]
        headlines = self._headlines([rowid // 4 for rowid, *_ in rows])
        hits = []
        for rowid, side, rank, marked in rows:
            snippet, marks = unmarked(marked.replace("\n", " "))
            if not marks:
                snippet, marks = self._headline_snippet(match, parameters, rowid)
            day = rowid // 4
            headline = headlines.get(day, {}).get(side, "")
            hits.append(SearchHit(day, side, headline, snippet, marks, -rank))
        return SearchResults(hits, total)

    @staticmethod
    def _side_filter(
        query: Query, since: int | None, until: int | None
    ) -> tuple[str, tuple[Any, ...]]:
        """WHERE clause and parameters selecting the sides of days that `query` matches."""
        match = "side_search MATCH ?"
        parameters: tuple[Any, ...] = (side_match(query),)
        if since is not None:
            match += " AND rowid >= ?"
            parameters += (since * 4,)
        if until is not None:
            match += " AND rowid <= ?"
            parameters += (until * 4 + 3,)
        return match, parameters

    def _headlines(self, days: list[int]) -> dict[int, dict[str, str]]:
        """Each day's headline per side (a bulletin's lead under `bulletin`)."""
        if not days:
            return {}
        rows = self._read(
            "SELECT day, headlines FROM digest WHERE day IN (SELECT value FROM json_each(?))",
            (json.dumps(days),),
        )
        return {day: json.loads(headlines) for day, headlines in rows}

    def _headline_snippet(self, match: str, parameters: tuple[Any, ...], rowid: int) -> Any:
        """The snippet of a side's headlines (a bulletin's topics), ` · ` between them, for a side
        whose paragraphs do not match."""
        rows = self._read(
            f"SELECT snippet(side_search, 0, ?, ?, '…', ?) FROM side_search WHERE {match}"
            " AND rowid = ?",
            (MARK_START, MARK_END, SNIPPET_TOKENS, *parameters, rowid),
        )
        return unmarked(rows[0][0].replace("\n", " · ")) if rows else ("", ())

    def matching_days(
        self, query: Query, since: int | None = None, until: int | None = None
    ) -> list[int]:
        """Every day with a side that matches `query`, newest first."""
        if not query.sides:
            return []
        match, parameters = self._side_filter(query, since, until)
        rows = self._read(
            f"SELECT DISTINCT rowid / 4 FROM side_search WHERE {match} ORDER BY 1 DESC", parameters
        )
        return [row[0] for row in rows]

    def highlights(self, day: int, query: Query) -> list[Highlight]:
        """Every stretch of `day`'s text that a term of `query` matches, in page order."""
        rows = self._read(
            "WITH shown (id) AS (SELECT id FROM digest WHERE day = ?),"
            " span (first, last) AS"
            " (SELECT min(id), max(id) FROM passage WHERE digest_id = (SELECT id FROM shown))"
            " SELECT p.side, p.part, p.line, highlight(passage_search, 0, ?, ?)"
            " FROM passage_search JOIN passage p ON p.id = passage_search.rowid"
            " WHERE passage_search MATCH ? AND p.digest_id = (SELECT id FROM shown)"
            " AND passage_search.rowid BETWEEN (SELECT first FROM span) AND (SELECT last FROM span)"
            " ORDER BY p.part, p.line",
            (day, MARK_START, MARK_END, query.fts_any()),
        )
        found: list[Highlight] = []
        for side, part, line, marked in rows:
            _, spans = unmarked(marked)
            found += [Highlight(side, part, line, start, end) for start, end in spans]
        return found
