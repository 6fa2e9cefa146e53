"""The site's date line: `Wednesday, 13 November 2024 04:37` (site time, UTC+1)."""

from __future__ import annotations

import re
from datetime import datetime

SITE_DATE = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)"
    r",?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def parse_site_date(text: str) -> datetime | None:
    """The first site-style date in `text`, or None."""
    match = SITE_DATE.search(text)
    if not match:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        return datetime(
            int(year), _MONTHS[month.lower()], int(day), int(hour or 0), int(minute or 0)
        )
    except ValueError:
        return None


def is_date_line(block: str) -> bool:
    """True when the whole block is a date line (the page's, or a sidebar's)."""
    match = SITE_DATE.fullmatch(block.strip())
    return match is not None and bool(re.match(r"[A-Za-z]+day", block.strip()) or match.group(4))
