"""Figures in one text: a number (digits or words) with the noun it counts or measures.

`more than 300 troops`, `five Ukrainian tanks`, `10,000 North Korean soldiers`, `$400 million`,
`two dozen locations`, `tens of thousands of troops` (10,000, approximate) are figures. Years,
dates, times, durations (`24 hours`), ordinals, ages, `Day N` and a number with no noun
(`wounded five`) are not. Each figure has a kind, what it counts after folding synonyms
(soldiers, servicemen and troops are all troops; UAVs are drones), and an owner: the country
the sentence puts it on (`Ukrainian drones`, `Kiev has lost 300 troops`), used to pair figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui_reader.compare.words import CAPITALS, DEMONYMS, words

UNIT_KINDS: dict[str, str] = {
    **dict.fromkeys(
        words("""troops soldiers servicemen servicewomen servicemembers personnel fighters
            militants mercenaries marines paratroopers infantrymen"""),
        "troops",
    ),
    "service members": "troops",
    "military personnel": "troops",
    "soldier": "troops",
    "serviceman": "troops",
    **dict.fromkeys(words("people persons person men women man woman"), "people"),
    **dict.fromkeys(["prisoners", "prisoners of war", "pows", "captives"], "prisoners"),
    **{
        word: word
        for word in words("""civilians residents children reservists conscripts recruits refugees
            peacekeepers rescuers journalists casualties bodies tanks regiments brigades
            battalions divisions missiles rockets shells radars depots facilities refineries
            ships helicopters aircraft vehicles locations positions targets systems""")
    },
    "child": "children",
    "police officers": "police officers",
    "police": "police officers",
    "officers": "officers",
    "infantry fighting vehicles": "infantry fighting vehicles",
    "ifvs": "infantry fighting vehicles",
    **dict.fromkeys(
        ["armored personnel carriers", "armoured personnel carriers", "apcs"],
        "armoured personnel carriers",
    ),
    **dict.fromkeys(
        [
            "armored vehicles",
            "armoured vehicles",
            "armored combat vehicles",
            "armoured combat vehicles",
            "armored fighting vehicles",
            "armoured fighting vehicles",
            "combat vehicles",
        ],
        "armoured vehicles",
    ),
    "trucks": "vehicles",
    **dict.fromkeys(
        ["artillery pieces", "artillery guns", "guns", "howitzers", "mortars"], "artillery"
    ),
    "pieces": "equipment",
    **dict.fromkeys(
        ["multiple rocket launchers", "rocket launchers", "launchers", "mlrs"], "rocket launchers"
    ),
    **dict.fromkeys(["drones", "uavs", "unmanned aerial vehicles"], "drones"),
    **dict.fromkeys(["bombs", "glide bombs", "aerial bombs"], "bombs"),
    "rounds": "shells",
    **dict.fromkeys(["planes", "warplanes", "jets", "fighter jets", "fighters jets"], "aircraft"),
    **dict.fromkeys(["vessels", "boats", "warships"], "ships"),
    "radar stations": "radars",
    **dict.fromkeys(
        ["settlements", "villages", "towns", "localities", "communities", "hamlets"], "settlements"
    ),
    "areas": "locations",
    **dict.fromkeys(
        ["attacks", "counterattacks", "counter-attacks", "assaults", "strikes", "raids"], "attacks"
    ),
    **dict.fromkeys(
        ["buildings", "homes", "houses", "apartments", "apartment blocks", "apartment buildings"],
        "buildings",
    ),
    "warehouses": "depots",
    **dict.fromkeys(["dollars", "us dollars"], "dollars"),
    "euros": "euros",
    "pounds": "pounds",
    **dict.fromkeys(["roubles", "rubles"], "roubles"),
    **dict.fromkeys(["hryvnias", "hryvnia"], "hryvnias"),
    **dict.fromkeys(["km", "kilometres", "kilometers", "kilometre", "kilometer"], "km"),
    **dict.fromkeys(["metres", "meters"], "metres"),
    "miles": "miles",
    **dict.fromkeys(
        ["square kilometres", "square kilometers", "sq km", "km2", "square km"],
        "square kilometres",
    ),
    "square miles": "square miles",
    "hectares": "hectares",
    **dict.fromkeys(["tonnes", "tons", "metric tons"], "tonnes"),
    "barrels": "barrels",
    **dict.fromkeys(["cubic metres", "cubic meters", "bcm"], "cubic metres"),
    **dict.fromkeys(["megawatts", "mw", "gigawatts"], "megawatts"),
    **dict.fromkeys(["percent", "per cent", "%", "percentage points"], "percent"),
}
"""What a unit counts: the noun as written (lower case) and the kind figures pair by."""

for _plural, _kind in list(UNIT_KINDS.items()):
    if _plural.endswith("s") and not _plural.endswith("ss") and " " not in _plural:
        UNIT_KINDS.setdefault(_plural[:-1], _kind)  # one tank, one soldier

UNPAIRED_KINDS = frozenset({"percent"})
"""Kinds never paired: a percentage of one thing says nothing about a percentage of another."""

ANY_OWNER_KINDS = frozenset(
    {"settlements", "km", "square kilometres", "square miles"}
    | {"dollars", "euros", "pounds", "roubles", "hryvnias"}
)
"""Kinds that pair whoever the sentence is about: villages one side says it lost are villages
the other says it took (`settlements: 2 W / 9 R`); money is aid or spending, whoever pays."""

TIME_WORDS = words("""hour hours day days week weeks month months year years minute minutes second
    seconds decade decades century centuries time times night nights morning mornings""")
MONTHS = words("""january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""")
BREAK_WORDS = words("""of in on at to from by with and or but nor was were had have has is are be
    been being said says say that which who whom whose the a an this these those its their his
    her our for since after before during over under into onto per as than while when where if
    remained remain will would could should can may might must not no also only just more them
    it they he she we you there here""")
QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "up to",
    "at least",
    "at most",
    "as many as",
    "close to",
    "just over",
    "just under",
    "well over",
    "an estimated",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "estimated",
)
ONES = {
    word: value
    for value, word in enumerate(
        [
            *["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
            *["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"],
            *["seventeen", "eighteen", "nineteen"],
        ]
    )
}
TENS = {
    word: (value + 2) * 10
    for value, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALES["trillion"] = 1_000_000_000_000
VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds"}
POSSESSIVES = words("its their his her our the these those")

TOKEN = re.compile(
    r"[$€£%]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\S"
)
HIT = re.compile(
    r"\b(?:shot down|downed|destroyed|intercepted|repelled|killed|wounded|injured|captured"
    r"|eliminated|neutrali[sz]ed)\b"
)
OPPONENTS = {"Russia": "Ukraine", "Ukraine": "Russia"}
SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z“\"‘])")
QUOTES = frozenset("“”\"‘’'")


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure in one text: offsets, value, unit as written, kind, owner."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    qualifier: str | None
    approx: bool
    owner: str | None


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def word(self) -> str:
        return self.text.casefold().replace("’", "'")


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    approx: bool
    end: int
    """Index of the first token after the amount."""
    currency: str | None = None


def _word_value(word: str) -> int | None:
    if word in ONES:
        return ONES[word]
    if word in TENS:
        return TENS[word]
    tens, _, one = word.partition("-")
    if tens in TENS and one in ONES and 0 < ONES[one] < 10:
        return TENS[tens] + ONES[one]
    return None


def _amount(tokens: Sequence[_Token], text: str, at: int) -> _Amount | None:
    """The number starting at token `at`, if one does."""
    token = tokens[at]
    word = token.word
    currency = None
    if token.text in CURRENCY_SIGNS and at + 1 < len(tokens) and tokens[at + 1].text[0].isdigit():
        currency, at = CURRENCY_SIGNS[token.text], at + 1
        token, word = tokens[at], tokens[at].word
    following = text[token.end : token.end + 1]
    preceding = text[max(token.start - 2, 0) : token.start]
    if token.text[0].isdigit():
        if (
            following.isalpha()
            or following == "-"
            or preceding[-1:].isalnum()
            or preceding[-1:] == "-"
            or (preceding[-1:] in ".," and preceding[:1].isdigit())
            or (token.text[0] == "0" and len(token.text) > 1 and token.text[1] != ".")
        ):
            return None  # 1,000th, 45-year-old, F-16, G7, 2.5.6, 100 000
        value = float(token.text.replace(",", ""))
        index = at + 1
    elif word in VAGUE or word == "tens":
        return _vague(tokens, at)
    elif (value_ := _word_value(word)) is not None:
        value, index = float(value_), at + 1
    elif word in ("a", "an") and at + 1 < len(tokens) and tokens[at + 1].word in (*SCALES, "dozen"):
        value, index = 1.0, at + 1
    else:
        return None
    if index < len(tokens) and tokens[index].word == "hundred" and value < 100:
        value, index = value * 100, index + 1
        rest = _word_value(tokens[index + 1].word) if index + 1 < len(tokens) else None
        if rest is not None and tokens[index].word == "and":  # one hundred and twenty
            value, index = value + rest, index + 2
    if index < len(tokens) and tokens[index].word in SCALES and tokens[index].word != "hundred":
        value, index = value * SCALES[tokens[index].word], index + 1
    elif index < len(tokens) and tokens[index].word == "dozen":
        value, index = value * 12, index + 1
    return _Amount(value, False, index, currency)


def _vague(tokens: Sequence[_Token], at: int) -> _Amount | None:
    """`dozens of`, `hundreds of`, `tens of thousands of`: the order of magnitude, approximate."""
    said = [token.word for token in tokens[at : at + 5]]
    if (
        len(said) > 3
        and said[:2] in (["tens", "of"], ["hundreds", "of"])
        and said[2] in VAGUE
        and said[2] != "dozens"
        and said[3] == "of"
    ):
        base = 10 if said[0] == "tens" else 100
        return _Amount(base * VAGUE[said[2]], True, at + 4)
    if said[0] in VAGUE and len(said) > 1 and said[1] == "of":
        return _Amount(VAGUE[said[0]], True, at + 2)
    return None


def _unit(tokens: Sequence[_Token], at: int) -> int:
    """How many tokens from `at` make a known unit (the longest), or 0."""
    for length in (4, 3, 2, 1):
        if at + length <= len(tokens):
            phrase = " ".join(token.word for token in tokens[at : at + length])
            if phrase in UNIT_KINDS:
                return length
    return 0


def _find_unit(tokens: Sequence[_Token], at: int, any_noun: bool = True) -> tuple[int, int] | None:
    """(first, end) token indexes of the unit a number at `at - 1` counts, skipping up to three
    words that describe it (`five Ukrainian tanks`, `11 US-supplied HIMARS rocket launchers`).
    With `any_noun`, a plural right after the number is a unit even if warday does not know it."""
    described = 0
    first = at
    while at < len(tokens) and described <= 3:
        token = tokens[at]
        if token.text in QUOTES:
            at += 1
            continue
        if any_noun and at == first and _plural_noun(tokens, at) and not _unit(tokens, at):
            return at, at + 1  # a noun warday has no kind for: 9 passengers
        length = _unit(tokens, at)
        if length:
            end = at + length
            if (
                end + 1 < len(tokens)
                and tokens[end].word in ("and", "or")
                and _unit(tokens, end + 1)
            ):
                end = end + 1 + _unit(tokens, end + 1)
            return at, end
        word = token.word
        if not word[:1].isalpha() or word in BREAK_WORDS or word in TIME_WORDS or word in MONTHS:
            return None
        if _word_value(word) is not None or word in SCALES:
            return None
        described += 1
        at += 1
    return None


def _plural_noun(tokens: Sequence[_Token], at: int) -> bool:
    """A lower-case plural right after a number, followed by a verb, a preposition or a stop."""
    word = tokens[at].word
    after = tokens[at + 1].word if at + 1 < len(tokens) else "."
    return (
        tokens[at].text.islower()
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith("ss")
        and len(word) > 3
        and word not in TIME_WORDS | BREAK_WORDS
        and (not after[:1].isalpha() or after in BREAK_WORDS or after.endswith("ed"))
    )


def _qualifier(tokens: Sequence[_Token], at: int) -> tuple[str | None, int]:
    """The qualifier just before token `at` (`more than`) and the token it starts at."""
    for qualifier in QUALIFIERS:
        parts = qualifier.split()
        begin = at - len(parts)
        if begin >= 0 and [token.word for token in tokens[begin:at]] == parts:
            return qualifier, begin
    return None, at


def _excluded(tokens: Sequence[_Token], at: int, after: int) -> bool:
    """`Day 993`, `August 6`, `6 August`: numbers that are not figures."""
    before = tokens[at - 1].word if at else ""
    next_word = tokens[after].word if after < len(tokens) else ""
    return before in MONTHS or before in ("day", "no", "number", "aged") or next_word in MONTHS


def find_figures(text: str, places: Sequence[tuple[int, int, str]] = ()) -> list[FoundFigure]:
    """Every figure in `text`, in order. `places` are the (start, end, term) of the names found
    in the same text, used to tell whose figure it is (`Kiev has lost 300 troops`)."""
    tokens = [_Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    found: list[FoundFigure] = []
    at = 0
    while at < len(tokens):
        amount = _amount(tokens, text, at)
        if amount is None or _excluded(tokens, at, amount.end):
            at += 1
            continue
        figure, resume = _figure(text, tokens, at, amount, places)
        found.extend(figure)
        at = max(resume, at + 1)
    return found


def _figure(
    text: str,
    tokens: Sequence[_Token],
    at: int,
    amount: _Amount,
    places: Sequence[tuple[int, int, str]],
) -> tuple[list[FoundFigure], int]:
    """The figure(s) an amount at token `at` starts, and the token to carry on from."""
    qualifier, begin = _qualifier(tokens, at)
    index = amount.end
    inner: list[FoundFigure] = []
    if index + 1 < len(tokens) and tokens[index].word == "of":
        whole = _amount(tokens, text, index + 1)
        if whole is not None:  # 16 of 17 drones: both are figures of drones
            inner, resume = _figure(text, tokens, index + 1, whole, places)
            if not inner:
                return [], index + 1
            unit_of = inner[0]
            outer = FoundFigure(
                tokens[begin].start,
                unit_of.end,
                amount.value,
                unit_of.unit,
                unit_of.kind,
                qualifier,
                amount.approx,
                unit_of.owner,
            )
            return [outer, *inner], resume
        if tokens[index + 1].word in POSSESSIVES and amount.value != 1:
            index += 2  # two of its "best regiments" (but not "one of the")
    if amount.currency is not None:
        unit, kind, end_token = amount.currency, amount.currency, amount.end - 1
    else:
        definite = begin > 0 and tokens[begin - 1].word in POSSESSIVES  # the two countries
        found = _find_unit(tokens, index, any_noun=not definite)
        if found is None:
            return [], amount.end
        first, end = found
        unit = text[tokens[first].start : tokens[end - 1].end].lower().replace("%", "percent")
        kind = " and ".join(
            UNIT_KINDS.get(part, part) for part in unit.replace(" or ", " and ").split(" and ")
        )
        end_token = end - 1
    start, end_offset = tokens[begin].start, tokens[end_token].end
    if text[start:end_offset].count("“") > text[start:end_offset].count("”"):
        end_offset += text[end_offset : end_offset + 1] == "”"  # two of its “best regiments”
    owner = _owner(text, tokens, at, end_token, places)
    figure = FoundFigure(
        start, end_offset, amount.value, unit, kind, qualifier, amount.approx, owner
    )
    return [figure], end_token + 1


def _owner(
    text: str,
    tokens: Sequence[_Token],
    at: int,
    last: int,
    places: Sequence[tuple[int, int, str]],
) -> str | None:
    """Whose the counted things are: the country the figure's own words name (`Ukrainian
    tanks`), else the one it is `launched by`, else the nearest one named before it in the same
    sentence (`Kiev has lost 300 troops`). That one's opponent when a verb between them says
    the things were hit (`Russia destroyed five tanks`, `Ukraine shot down 27 drones`)."""
    for index in range(at, last + 1):
        if country := _country_word(tokens, index):
            return country
    sentence_start = 0
    for match in SENTENCE_END.finditer(text, 0, tokens[at].start):
        sentence_start = match.end()
    sentence_end = SENTENCE_END.search(text, tokens[last].end)
    after = text[tokens[last].end : sentence_end.start() if sentence_end else len(text)]
    references: list[tuple[int, str]] = []
    for start, end, term in places:
        country = CAPITALS.get(term) or (term if term in COUNTRIES else None)
        if country and sentence_start <= start and end <= tokens[at].start:
            references.append((start, country))
        elif (
            country
            and start >= tokens[last].end
            and re.match(
                r"\s+(?:launched|fired|sent)\s+by\s+(?:the\s+)?$", after[: start - tokens[last].end]
            )
        ):
            return country
    for index in range(at - 1, -1, -1):
        if tokens[index].start < sentence_start:
            break
        if country := _country_word(tokens, index):
            references.append((tokens[index].start, country))
            break
    if not references:
        return None
    start, country = max(references)
    between = text[start : tokens[at].start].casefold()
    if HIT.search(between) and not between.rstrip().endswith(" with"):  # destroyed ... with 12
        return OPPONENTS.get(country)
    return country


def _country_word(tokens: Sequence[_Token], index: int) -> str | None:
    word = tokens[index].word
    pair = f"{tokens[index - 1].word} {word}" if index else ""
    return DEMONYMS.get(pair) or DEMONYMS.get(word) or None


COUNTRIES = frozenset(country for country in DEMONYMS.values() if country)
