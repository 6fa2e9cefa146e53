"""How fast search answers over a large archive; prints the figures (the README quotes them).

    .venv/bin/python benchmarks/search.py [--quick] [--days N]

Builds a synthetic archive of 10,000 days (1,000 with --quick) in a temporary WARDAY_HOME: 2022
bulletins first, then days with a Western and a Russian perspective, written from a vocabulary of
places, people and topics so that words recur as they do in the real digest. Then prints p50 and
p95 of: each of 20 typical queries from query to results (the store's `search`, as `warday search`
and the reader run it), and typing one character in the reader's search screen to the results
painted. The functions are importable, so another runner can call them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path

from tui_reader.model import Digest, Kind, Perspective, Section
from tui_reader.places import Places, resolve_places
from tui_reader.store import Store

TYPICAL_QUERIES = (
    "kursk",
    "zaporizhzhia nuclear plant",
    '"grain deal"',
    "bakhmut",
    '"black sea" ships',
    "drone attack",
    "putin",
    "zelensky trump",
    "tanks",
    "sanctions oil",
    '"prisoner exchange"',
    "avdiivka OR pokrovsk",
    "kharkiv -drones",
    "mobilisation",
    "crimea bridge",
    "kyiv side:russian",
    "patriot missiles",
    "wagner",
    "nato summit",
    "energy infrastructure",
)
"""Twenty searches a reader of the digest makes: places, people, topics, phrases, operators."""

TYPED = "zaporizhzhia nuclear"
"""What the typing measurement types into the search screen, one key at a time."""

LAST_BULLETIN_DAY = 310
"""Days up to this one use the 2022 bulletin format, as on the site."""

PERIOD_DAYS = 45
"""The news moves on: every 45 days a few places, people and topics lead the stories."""

PLACES = (
    "Kyiv", "Moscow", "Kharkiv", "Donetsk", "Zaporizhzhia", "Crimea", "Odesa", "Kursk", "Bakhmut",
    "Avdiivka", "Pokrovsk", "Kherson", "Luhansk", "Belgorod", "Dnipro", "Mariupol", "Sumy", "Lviv",
    "Bryansk", "Mykolaiv", "Chasiv Yar", "Toretsk", "Vuhledar", "Kupiansk", "Sevastopol",
    "Kramatorsk", "Sloviansk", "Izium", "Lyman", "Severodonetsk", "Lysychansk", "Melitopol",
    "Berdyansk", "Enerhodar", "Nikopol", "Kryvyi Rih", "Poltava", "Chernihiv", "Zhytomyr",
    "Vinnytsia", "Uman", "Bucha", "Irpin", "Hostomel", "Snake Island", "Kerch", "Novorossiysk",
    "Rostov", "Voronezh", "Kaliningrad", "St Petersburg", "Minsk", "Warsaw", "Berlin", "Paris",
    "London", "Washington", "Brussels", "Ankara", "Istanbul", "Beijing", "Tehran", "Pyongyang",
    "Geneva", "Vilnius", "Tallinn", "Riga", "Helsinki", "Stockholm", "Budapest", "Bratislava",
    "Chisinau", "Transnistria", "Tbilisi", "Kramatorsk district", "Selydove", "Kurakhove",
    "Velyka Novosilka", "Robotyne", "Orikhiv", "Vovchansk", "Sudzha", "Tyotkino", "Engels",
    "Tuapse", "Yeysk", "Ryazan", "Saratov", "Tver", "Kazan",
)  # fmt: skip
PEOPLE = (
    "Putin", "Zelensky", "Peskov", "Lavrov", "Shoigu", "Zakharova", "Biden", "Trump", "Scholz",
    "Macron", "Stoltenberg", "Rutte", "Erdogan", "Syrskyi", "Zaluzhnyi", "Gerasimov", "Prigozhin",
    "Kuleba", "Sybiha", "Yermak", "Grossi", "Guterres", "Blinken", "Rubio", "Austin", "Hegseth",
    "Medvedev", "Budanov", "Umerov", "Reznikov", "Belousov", "Kadyrov", "Lukashenko", "Xi",
    "Modi", "Orban", "Fico", "Sunak", "Starmer", "Johnson", "von der Leyen", "Kallas", "Borrell",
    "Tusk", "Duda", "Meloni", "Witkoff", "Kellogg", "Vance", "Nebenzia", "Ushakov", "Dmitriev",
    "Klitschko", "Shmyhal", "Svyrydenko", "Podolyak", "Bortnikov", "Naryshkin", "Volodin",
)  # fmt: skip
TOPICS = (
    "military aid", "drone attacks", "peace talks", "new sanctions", "air defence systems",
    "energy infrastructure", "power outages", "artillery shells", "long-range missiles",
    "a ceasefire proposal", "security guarantees", "mobilisation", "frozen Russian assets",
    "the Zaporizhzhia nuclear plant", "a prisoner exchange", "the grain deal", "oil price caps",
    "Patriot missiles", "F-16 fighter jets", "the Black Sea fleet", "the Crimea bridge",
    "Wagner fighters", "a NATO summit", "the Kerch Strait", "gas transit", "Leopard tanks",
    "war crimes investigators", "the Kakhovka dam", "Storm Shadow missiles", "ATACMS missiles",
    "HIMARS launchers", "cluster munitions", "Iranian drones", "North Korean troops",
    "the Nord Stream pipelines", "a minerals deal", "EU membership talks", "the Istanbul talks",
    "grain corridor ships", "refinery strikes", "a counteroffensive", "conscription rules",
    "frontline evacuations", "humanitarian corridors", "the IAEA mission", "radiation monitoring",
    "cyber attacks", "the Russian economy", "the rouble", "interest rates", "arms production",
    "the G7 summit", "the U.N. Security Council", "the ICC warrant", "deported children",
    "Black Sea shipping", "tank deliveries", "Abrams tanks", "Gripen jets", "a peace summit",
)  # fmt: skip
VERBS = (
    "said", "warned", "claimed", "reported", "denied", "confirmed", "announced", "insisted",
    "told reporters", "wrote on Telegram", "said in a statement", "told a news conference",
)  # fmt: skip
SENTENCES = (
    "{person} {verb} that forces near {place} had repelled several attacks overnight.",
    "Officials in {place} {verb} that air defences shot down drones launched at the region.",
    "{person} {verb} that talks on {topic} would continue next week.",
    "The defence ministry {verb} its troops had taken control of a village west of {place}.",
    "{person} {verb} the West was prolonging the war by supplying {topic}.",
    "Residents of {place} spent the night in shelters as sirens sounded for hours.",
    "{person} met {other} to discuss {topic} and security guarantees.",
    "A missile strike on {place} damaged homes and cut power to thousands.",
    "The governor of {place} {verb} that two people were killed and nine wounded.",
    "{person} {verb} that {topic} could not be discussed while shelling continued.",
    "Monitors {verb} that fighting around {place} was the heaviest in weeks.",
    "European leaders agreed to spend more on {topic}, {person} {verb}.",
    "Satellite images showed damage to a military airfield near {place}, analysts {verb}.",
    "Prices rose after {person} {verb} that {topic} might be delayed.",
    "Rescuers searched the rubble of an apartment block in {place} for survivors.",
)  # fmt: skip
"""Sentences that name a place, a person or a topic."""

PLAIN_SENTENCES = (
    "Officials said the situation along the front line remained difficult.",
    "The claims could not be independently verified.",
    "Neither side gave figures for its own losses.",
    "The statement did not say what weapons were used.",
    "Emergency services said they were still working at the scene.",
    "The ministry said the attack had been planned for several weeks.",
    "Both sides accuse each other of targeting civilians, which they deny.",
    "Analysts said the fighting was likely to intensify before winter.",
    "The announcement came hours after a meeting of the security council.",
    "Aid agencies warned that many people had been left without heating.",
    "Reuters was not able to confirm the report.",
    "The talks ended without a joint statement.",
    "Markets reacted calmly to the news.",
    "The government promised to rebuild the damaged buildings quickly.",
    "Military bloggers published video said to show the strike.",
    "Officials gave no further details.",
)  # fmt: skip
"""Sentences that name nothing, as most sentences of the news do."""


@cache
def _zipf_weights(count: int) -> list[float]:
    """Cumulative weights 1, 1/2, 1/3...: the nth name comes up 1/n as often as the first."""
    return list(accumulate(1 / rank for rank in range(1, count + 1)))


class _Newsroom:
    """Writes the text of one day: about what leads the news in its period, now and then
    about anything else (names further down each list come up less often)."""

    def __init__(self, day: int) -> None:
        period = random.Random(day // PERIOD_DAYS)
        self.chance = random.Random(day)
        self.places = period.sample(PLACES[:30], 2) + period.sample(PLACES, 2)
        self.people = period.sample(PEOPLE[:10], 2) + period.sample(PEOPLE, 2)
        self.topics = period.sample(TOPICS, 3)

    def pick(self, leading: list[str], everything: Sequence[str]) -> str:
        if self.chance.random() < 0.7:
            return self.chance.choice(leading)
        return self.chance.choices(everything, cum_weights=_zipf_weights(len(everything)))[0]

    def sentence(self) -> str:
        if self.chance.random() < 0.5:
            return self.chance.choice(PLAIN_SENTENCES)
        person = self.pick(self.people, PEOPLE)
        other = self.pick(self.people, PEOPLE)
        return self.chance.choice(SENTENCES).format(
            person=person,
            other=other if other != person else "his counterpart",
            place=self.pick(self.places, PLACES),
            topic=self.pick(self.topics, TOPICS),
            verb=self.chance.choice(VERBS),
        )

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.chance.randint(2, 3)))

    def headline(self, source: str) -> str:
        place, topic = self.pick(self.places, PLACES), self.pick(self.topics, TOPICS)
        person = self.pick(self.people, PEOPLE)
        return self.chance.choice(
            (
                f"{person} says {topic} will not stop the fighting near {place} – {source}",
                f"Strikes hit {place} as talks on {topic} stall – {source}",
                f"{place}: {topic} back on the table, says {person} – {source}",
                f"{person} warns over {topic} after attack on {place} – {source}",
            )
        )


def synthetic_digest(day: int) -> Digest:
    """A plausible digest for `day`: a bulletin up to Day 310, two perspectives after it."""
    news = _Newsroom(day)
    published = datetime(2022, 2, 24, 8, 0) + timedelta(days=day)
    title = f"What to know after Day {day} of Russia-Ukraine war"
    if day <= LAST_BULLETIN_DAY:
        headings = ("ENERGY", "GRAIN", "FIGHTING", "U.N.", "DIPLOMACY", "SANCTIONS")
        sections = [Section(None, (news.paragraph(), news.paragraph()))]
        sections += [
            Section(topic, tuple(news.paragraph() for _ in range(news.chance.randint(2, 4))))
            for topic in news.chance.sample(headings, 3)
        ]
        return Digest(
            day, title, Kind.BULLETIN, published, sections=tuple(sections), attribution="Reuters"
        )
    stories = [
        Perspective(
            side,
            news.headline(source),
            tuple(news.paragraph() for _ in range(news.chance.randint(4, 8))),
        )
        for side, source in (("western", "Reuters"), ("russian", "TASS"))
    ]
    return Digest(
        day,
        title,
        Kind.PERSPECTIVES,
        published,
        perspectives=tuple(stories),
        attribution="Reuters/RT",
    )


def build_archive(home: Path, days: int) -> float:
    """Store `days` synthetic digests under WARDAY_HOME `home`; returns the seconds it took."""
    places = resolve_places(home)
    places.create()
    started = time.perf_counter()
    with Store(places.database) as store:
        store._db.execute("PRAGMA synchronous=OFF")  # a throwaway archive: no fsync per day
        for day in range(1, days + 1):
            store.save(synthetic_digest(day))
    return time.perf_counter() - started


def percentiles(seconds: Sequence[float]) -> tuple[float, float]:
    """(p50, p95) of `seconds`, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


@dataclass
class Timings:
    """Seconds each try took: by the clock, and of this process's CPU time (all its threads),
    which other work on a shared machine does not inflate."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def start(self) -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def stop(self, started: tuple[float, float]) -> None:
        self.wall.append(time.perf_counter() - started[0])
        self.cpu.append(time.process_time() - started[1])

    def __iadd__(self, other: Timings) -> Timings:
        self.wall += other.wall
        self.cpu += other.cpu
        return self


def time_queries(
    places: Places, queries: Sequence[str] = TYPICAL_QUERIES, repeats: int = 5, limit: int = 30
) -> dict[str, Timings]:
    """Each query from its text to results (parsed, run, the best `limit` with their snippets,
    as many as the search screen lists)."""
    from tui_reader.search.query import parse_query

    timings = {query: Timings() for query in queries}
    with Store(places.database) as store:
        for _ in range(repeats):
            for query in queries:
                started = timings[query].start()
                store.search(parse_query(query), limit=limit)
                timings[query].stop(started)
    return timings


async def time_typing(
    places: Places, text: str = TYPED, size: tuple[int, int] = (120, 40)
) -> Timings:
    """Each key typed into the reader's search screen, to its results painted."""
    from textual import events

    from tui_reader.app.app import WardayApp
    from tui_reader.app.screens.search import SearchScreen
    from tui_reader.config import Config

    config = Config(sync_on_start=False, read_after_seconds=3600.0)
    timings = Timings()
    with Store(places.database) as store:
        app = WardayApp(places, config, store)
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            for typed, key in enumerate(text, start=1):
                started = timings.start()
                app.post_message(events.Key("space" if key == " " else key, key))
                while len(screen.box.value) < typed or not screen.up_to_date:
                    await asyncio.sleep(0.002)
                painted = asyncio.Event()
                app.call_after_refresh(painted.set)
                await painted.wait()
                timings.stop(started)
    return timings


LABEL = 34
"""Columns of a table row's label."""

HEADER = f"  {'':<{LABEL}} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8}"


def row(name: str, timings: Timings) -> str:
    """A table row: wall-clock and processor p50 and p95, in ms."""
    figures = (*percentiles(timings.wall), *percentiles(timings.cpu))
    return f"  {name:<{LABEL}}" + "".join(f" {figure:>8.1f}" for figure in figures)


def archive_days(description: str) -> int:
    """The archive size the command line asks for (`--quick`, `--days N`), after saying which
    machine the figures come from."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="1,000 days instead of 10,000")
    parser.add_argument("--days", type=int, help="archive size (overrides --quick)")
    args = parser.parse_args()
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (others' work slows the clock)")
    return int(args.days or (1000 if args.quick else 10_000))


def main() -> None:
    days = archive_days(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory)
        built = build_archive(home, days)
        places = resolve_places(home)
        size = places.database.stat().st_size / 1e6
        print(f"archive: {days} days built in {built:.1f} s ({size:.0f} MB)")
        print("query to results (20 typical queries, 5 runs each)")
        print(HEADER)
        every = Timings()
        for query, timings in time_queries(places).items():
            print(row(repr(query), timings))
            every += timings
        print(row("all queries", every))
        typing = Timings()
        for _ in range(3):
            typing += asyncio.run(time_typing(places, TYPED))
        print(f"typing {TYPED!r} in the search screen, key to results painted (3 runs)")
        print(HEADER)
        print(row("every key", typing))


if __name__ == "__main__":
    main()
