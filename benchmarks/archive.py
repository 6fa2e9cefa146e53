"""Synthetic archives: realistic digests for any day, as the site's pages and in a store.

Lengths follow the real pages (tests/fixtures, the seed Day 993): a perspectives day has a Western
story of 4-9 paragraphs and a Russian one of 4-11, each 1-3 sentences (about 4.5 KB of text, 6 KB
as a K2 page); a 2022 bulletin day (before Day 312) has a lead and 4-7 ALL-CAPS topics of 1-4
bullets. The first paragraph of each side names a number that changes from day to day, so two
neighbouring days never start alike (the terminal measurements look for that text).
"""

from __future__ import annotations

import html
import random
from datetime import datetime, time, timedelta
from pathlib import Path

from tui_reader.model import war_date
from tui_reader.parse import read_digest
from tui_reader.places import resolve_places
from tui_reader.store import Store

FIRST_PERSPECTIVES_DAY = 312
"""The site switched from bulletins to perspectives in 2023 (war day 312)."""

PLACES = (
    "Kursk", "Kharkiv", "Zaporizhzhia", "Donetsk", "Pokrovsk", "Kupiansk", "Kherson", "Sumy",
    "Belgorod", "Bryansk", "Odesa", "Dnipro", "Toretsk", "Vuhledar", "Chasiv Yar", "Kyiv",
)  # fmt: skip
ACTORS = (
    "the regional governor", "the general staff", "the Defence Ministry", "officials",
    "the Kremlin", "military analysts", "the foreign ministry", "local authorities",
)  # fmt: skip
WESTERN_OPENINGS = (
    "Ukrainian forces repelled {n} attacks near {place} on {weekday}, {actor} said.",
    "Russian strikes on {place} killed at least {n} people overnight, {actor} said.",
    "{n} drones were shot down over {place} during the night, {actor} said on {weekday}.",
    "Power was cut to {n},000 homes in {place} after a missile attack, {actor} said.",
)
RUSSIAN_OPENINGS = (
    "Russian air defences destroyed {n} Ukrainian drones over {place}, {actor} reported.",
    "Kiev has lost more than {n}0 troops near {place} over the past 24 hours, {actor} said.",
    "Russian forces liberated a settlement near {place} and repelled {n} counterattacks, "
    "{actor} reported on {weekday}.",
    "{n} Ukrainian tanks were destroyed in the {place} area, {actor} said on {weekday}.",
)
SENTENCES = (
    "The report came amid international criticism over increasing military cooperation between "
    "the two countries.",
    "North Korean leader Kim Jong Un signed a decree to ratify the pact on Monday, adding it takes "
    "effect when both sides exchange the ratification instruments.",
    "Seoul, Washington and Kyiv have said there are more than 10,000 North Korean soldiers in "
    "Russia, and some of them have engaged in combat.",
    "Officials said repairs to the power grid would take weeks and asked residents to limit their "
    "use of electricity in the evening.",
    "The claims could not be independently verified, and neither side gave details of its own "
    "losses.",
    "European Union foreign ministers are due to discuss a new package of sanctions when they "
    "meet in Brussels next week.",
    "Air raid alerts sounded across most of the country for several hours, and residents of the "
    "capital sheltered in metro stations.",
    "Russian aviation and artillery reportedly struck Ukrainian troops in more than two dozen "
    "locations across the region.",
    "Air and missile strikes were also carried out against military concentrations, which border "
    "Russia, the ministry added.",
    "The area under Ukrainian control has been steadily shrinking in recent weeks, but the "
    "incursion force is still present in some parts of the region.",
    "According to the paper, Ukraine currently has two of its best regiments operating on Russian "
    "territory, outfitted with the best available equipment.",
    "Last week, the Russian president described Ukrainian losses in the region as colossal and "
    "said the operation made little military sense.",
    "Moscow has repeatedly said that Western weapons deliveries only prolong the conflict and "
    "make the West a party to it.",
    "The International Atomic Energy Agency said the plant's physical integrity had been "
    "violated several times and called for a safety zone around it.",
    "Grain exports through the Black Sea corridor passed five million tonnes, the United Nations "
    "said, easing fears of a global food crisis.",
    "Prices of European gas rose as traders weighed the risk to supplies through the last "
    "pipeline still running.",
)
TOPICS = ("FIGHTING", "ENERGY", "GRAIN", "DIPLOMACY", "NUCLEAR PLANT", "SANCTIONS", "U.N.",
          "RUSSIAN MOBILISATION", "ECONOMY", "REFUGEES")  # fmt: skip
HEADLINE_WESTERN = (
    "Ukraine says it repelled attacks near {place}",
    "Russian missile strike on {place} kills {n}, governor says",
    "EU agrees new sanctions as fighting rages near {place}",
    "North Korea ratifies mutual defence treaty with Russia",
    "Kyiv reports heavy fighting near {place} – governor",
)
HEADLINE_RUSSIAN = (
    "{n} Ukrainian tanks destroyed in {place} area – Russian MOD",
    "Air defences down {n} Ukrainian drones – Russian MOD",
    "Kiev suffers heavy losses near {place} — Kremlin",
    "Russian forces advance near {place} - governor",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def published(day: int) -> datetime:
    """When the site posted Day `day`: that evening in 2022, the next morning from 2023 on."""
    if day < FIRST_PERSPECTIVES_DAY:
        return datetime.combine(war_date(day), time(19, 5))
    return datetime.combine(war_date(day) + timedelta(days=1), time(4, 37))


def item_id(day: int) -> int:
    """The site's K2 item id for Day `day` (rising with time, as on the site)."""
    return 30000 + day * 11


def _fill(template: str, rng: random.Random, day: int) -> str:
    return template.format(
        n=day % 89 + 2,
        place=rng.choice(PLACES),
        actor=rng.choice(ACTORS),
        weekday=WEEKDAYS[war_date(day).weekday()],
    )


def _paragraphs(rng: random.Random, day: int, openings: tuple[str, ...], most: int) -> list[str]:
    first = _fill(openings[day % len(openings)], rng, day)
    first += " " + " ".join(rng.sample(SENTENCES, rng.randint(0, 2)))
    rest = [" ".join(rng.sample(SENTENCES, rng.randint(2, 3))) for _ in range(rng.randint(3, most))]
    return [first.strip(), *rest]


def perspectives(day: int) -> list[tuple[str, str, list[str]]]:
    """(side heading, headline, paragraphs) in page order; the Russian side first every 7th day."""
    rng = random.Random(day)
    sides = [
        ("WESTERN PERSPECTIVE", _fill(rng.choice(HEADLINE_WESTERN), rng, day),
         _paragraphs(rng, day, WESTERN_OPENINGS, 8)),
        ("RUSSIAN PERSPECTIVE", _fill(rng.choice(HEADLINE_RUSSIAN), rng, day),
         _paragraphs(rng, day, RUSSIAN_OPENINGS, 11)),
    ]  # fmt: skip
    return sides[::-1] if day % 7 == 0 else sides


def bulletin(day: int) -> tuple[str, list[tuple[str, list[str]]]]:
    """The lead and the (topic, bullets) groups of a 2022 bulletin day."""
    rng = random.Random(day)
    lead = _fill(WESTERN_OPENINGS[day % len(WESTERN_OPENINGS)], rng, day)
    lead += " " + rng.choice(SENTENCES)
    groups = [
        (topic, [rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))])
        for topic in rng.sample(TOPICS, rng.randint(4, 7))
    ]
    return lead, groups


def first_paragraphs(day: int) -> list[str]:
    """The opening paragraph of each side shown for `day` (the lead for a bulletin)."""
    if day < FIRST_PERSPECTIVES_DAY:
        return [bulletin(day)[0]]
    return [paragraphs[0] for _, _, paragraphs in perspectives(day)]


def title(day: int) -> str:
    return f"What to know after Day {day} of Russia-Ukraine war"


def text_page(day: int) -> str:
    """The page as a browser copies it: date line, title, rating prompt, sections, chrome."""
    lines = [published(day).strftime("%A, %d %B %Y %H:%M"), "", title(day), "", "Rate this item",
             f"({day % 5} votes)", ""]  # fmt: skip
    if day < FIRST_PERSPECTIVES_DAY:
        lead, groups = bulletin(day)
        lines += [lead, ""]
        for topic, bullets in groups:
            lines += [topic, "", *(f"* {bullet}" for bullet in bullets), ""]
        lines += ["Reuters", ""]
    else:
        for heading, headline, paragraphs in perspectives(day):
            lines += [heading, "", headline, ""]
            for paragraph in paragraphs:
                lines += [paragraph, ""]
            lines += ["\u00a0", ""]
        lines += ["Reuters/RT", ""]
    lines += [
        "NEWSSCROLL TEAM: 'Sina Kawonise: Publisher/Editor-in-Chief; Afolabi Ajibola: IT Manager;",
        "Contact Us: [email protected] Tel/WhatsApp: +234 811 395 4049",
        "",
        "Copyright © 2015 - 2024 NewsScroll. All rights reserved.",
    ]
    return "\n".join(lines)


def _p(text: str, strong: bool = False) -> str:
    inner = html.escape(text, quote=False)
    return f"<p><strong>{inner}</strong></p>" if strong else f"<p>{inner}</p>"


def article_html(day: int) -> str:
    """The digest's article body as K2 writes it (the part inside div.itemFullText)."""
    parts: list[str] = []
    if day < FIRST_PERSPECTIVES_DAY:
        lead, groups = bulletin(day)
        parts.append(_p(lead))
        for topic, bullets in groups:
            parts.append(_p(topic, strong=True))
            parts += [_p(f"* {bullet}") for bullet in bullets]
        parts += ["<p>&nbsp;</p>", _p("Reuters")]
    else:
        for heading, headline, paragraphs in perspectives(day):
            parts += [_p(heading, strong=True), _p(headline, strong=True)]
            parts += [_p(paragraph) for paragraph in paragraphs]
            parts.append("<p>&nbsp;</p>")
        parts.append(_p("Reuters/RT"))
    return "\n      ".join(parts)


def html_page(day: int) -> str:
    """A K2 item page for `day`, with the site's chrome around the article."""
    number = item_id(day)
    slug = f"{number}-what-to-know-after-day-{day}-of-russia-ukraine-war"
    url = f"https://newsscrollngr.com/index.php/ns-special/item/{slug}"
    votes = day % 5
    stars = "".join(
        f'\n        <li><a href="#" data-id="{number}" title="{n} stars out of 5">{n}</a></li>'
        for n in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html lang="en-gb" dir="ltr">
<head>
  <meta charset="utf-8">
  <title>{title(day)}</title>
  <link href="{url}" rel="canonical">
  <meta property="og:title" content="{title(day)}">
  <script>var k2 = {{"vote": "{number}"}};</script>
  <style>.itemView p {{ margin: 0 }}</style>
</head>
<body class="site">
<nav class="menu"><ul><li><a href="/index.php/ns-news">News</a></li>
  <li><a href="/index.php/ns-special">Special</a></li></ul></nav>
<div id="k2Container" class="itemView">
  <div class="itemHeader">
    <span class="itemDateCreated">{published(day).strftime("%A, %d %B %Y %H:%M")}</span>
    <h2 class="itemTitle">{title(day)}<sup><i class="k2icon-feature"></i></sup></h2>
  </div>
  <div class="itemRatingBlock">
    <span>Rate this item</span>
    <div class="itemRatingForm">
      <ul class="itemRatingList">
        <li class="itemCurrentRating" id="itemCurrentRating{number}"
            style="width:{votes * 20}%;"></li>{stars}
      </ul>
      <div id="itemRatingLog{number}" class="itemRatingLog">({votes} votes)</div>
    </div>
  </div>
  <div class="itemBody">
    <div class="itemFullText">
      {article_html(day)}
    </div>
  </div>
</div>
<aside class="sidebar"><h3>Latest</h3><p>{title(day - 1)}</p></aside>
<footer><p>NEWSSCROLL TEAM: 'Sina Kawonise: Publisher/Editor-in-Chief;</p>
<p>Copyright © 2015 - 2024 NewsScroll. All rights reserved.</p></footer>
</body>
</html>
"""


def page(day: int) -> tuple[bytes, str]:
    """Day `day`'s page and its file name: K2 HTML for odd days, pasted text for even ones."""
    if day % 2:
        return html_page(day).encode(), f"day-{day}.html"
    return text_page(day).encode(), f"day-{day}.txt"


def write_pages(directory: Path, days: range) -> None:
    """One file per day in `directory`, in both formats (see `page`)."""
    directory.mkdir(parents=True, exist_ok=True)
    for day in days:
        content, name = page(day)
        (directory / name).write_bytes(content)


def write_config(home: Path, **settings: object) -> None:
    """warday's config.toml under `home`, with just `settings`."""
    import tomli_w

    path = resolve_places(home).config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(settings), encoding="utf-8")


def newest_day(days: int) -> int:
    """The newest day of an archive of `days` days: Day 1000 for small ones (so the newest days
    are in the perspectives format), else Day `days` (the archive then starts at Day 1)."""
    return max(days, 1000)


def fill_store(home: Path, days: int) -> None:
    """A store under `home` holding `days` days up to `newest_day(days)`, each read from its page
    and kept with it, as `warday import` and `warday fetch` keep them: every third day rated, all
    but the newest 30 read."""
    places = resolve_places(home)
    places.create()
    newest = newest_day(days)
    oldest = newest - days + 1
    with Store(places.database) as store:
        for first in range(oldest, newest + 1, 500):
            with store.batch():
                for day in range(first, min(first + 500, newest + 1)):
                    content, name = page(day)
                    store.save(*read_digest(content, name))
                    if day % 3 == 0:
                        store.rate(day, day % 5 + 1)
                    if day <= newest - 30:
                        store.set_read(day)
