"""A K2-like copy of the site on 127.0.0.1 (tests/k2site.py) serving realistic digests, in a
process of its own so that serving does not compete with the measured client for the GIL.

    python benchmarks/site.py DIGESTS FIRST_DAY

It prints its port; then each line `requests` on stdin is answered with the URLs served so far,
as they were asked for (host name and path; one JSON list per line). It stops when stdin closes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from k2site import K2Site  # noqa: E402

from benchmarks.archive import article_html  # noqa: E402


def main() -> None:
    digests, first_day = int(sys.argv[1]), int(sys.argv[2])
    with K2Site(digests=digests, first_day=first_day) as site:
        for story in site.digests:
            assert story.day is not None
            story.body = article_html(story.day)
        print(site.port, flush=True)
        for line in sys.stdin:
            if line.strip() == "requests":
                with site._lock:
                    urls = [f"http://{request.host}{request.path}" for request in site.requests]
                print(json.dumps(urls), flush=True)


if __name__ == "__main__":
    main()
