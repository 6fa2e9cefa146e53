"""Word lists the extractors share: demonyms, titles, and capitalised words that are not names."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The words of `text`, for writing word lists as prose."""
    return frozenset(text.split())


DEMONYMS: dict[str, str] = {
    "russian": "Russia",
    "russians": "Russia",
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "north korean": "North Korea",
    "north koreans": "North Korea",
    "south korean": "South Korea",
    "korean": "Korea",
    "american": "United States",
    "americans": "United States",
    "british": "Britain",
    "briton": "Britain",
    "belarusian": "Belarus",
    "belarusians": "Belarus",
    "chinese": "China",
    "iranian": "Iran",
    "turkish": "Turkey",
    "german": "Germany",
    "french": "France",
    "polish": "Poland",
    "greek": "Greece",
    "spanish": "Spain",
    "italian": "Italy",
    "dutch": "Netherlands",
    "danish": "Denmark",
    "swedish": "Sweden",
    "finnish": "Finland",
    "norwegian": "Norway",
    "estonian": "Estonia",
    "latvian": "Latvia",
    "lithuanian": "Lithuania",
    "hungarian": "Hungary",
    "romanian": "Romania",
    "moldovan": "Moldova",
    "georgian": "Georgia",
    "czech": "Czech Republic",
    "slovak": "Slovakia",
    "bulgarian": "Bulgaria",
    "japanese": "Japan",
    "indian": "India",
    "israeli": "Israel",
    "syrian": "Syria",
    "saudi": "Saudi Arabia",
    "qatari": "Qatar",
    "canadian": "Canada",
    "australian": "Australia",
    "nigerian": "Nigeria",
    "european": "Europe",
    "western": "",
    "soviet": "",
    "nazi": "",
    "neo-nazi": "",
    "crimean": "Crimea",
    "chechen": "Chechnya",
}
"""Adjectives of nationality and their country ("" when they name no one country). They are not
names: a reader would not want every "Russian" flagged as a name both sides share."""

CAPITALS: dict[str, str] = {
    "Kyiv": "Ukraine",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Washington": "United States",
    "Pentagon": "United States",
    "White House": "United States",
    "Pyongyang": "North Korea",
    "Minsk": "Belarus",
    "Beijing": "China",
    "London": "Britain",
    "Tehran": "Iran",
}
"""Names that stand for a country when they act (`Kyiv said`, `the Kremlin`)."""

TITLE_HEADS = words("""president vice-president minister secretary secretary-general chancellor
    governor mayor spokesman spokeswoman spokesperson commander commander-in-chief chief head
    director envoy ambassador senator speaker premier pope king queen prince sheikh general
    lieutenant colonel major admiral marshal sergeant captain mr mrs ms dr gen lt col adviser
    advisor aide leader ombudsman prosecutor patriarch state""")
"""Words that end a title before a person's name (`Prime Minister`, `Secretary General`)."""

TITLE_WORDS = TITLE_HEADS | words("""deputy prime first acting former foreign defence defense
    interior finance energy economy economic affairs justice health security state of top senior
    chief regional military presidential""")

NOT_NAMES = words("""january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday west east western eastern
    democratic republican orthodox i uav uavs apc apcs ifv ifvs mlrs npp km am pm gmt utc
    christmas easter""")
"""Capitalised words that are never names on their own."""

OPENERS = words("""the a an this that these those it its he his she her they their them we our you
    your i there here in on at by for from with without over under after before during since
    until as amid among against despite following according also but and or yet so however
    meanwhile earlier later last next previously separately elsewhere overnight officials
    authorities residents troops forces drones drone missiles missile air shelling attacks
    attack strikes strike fighting talks flights prices sources analysts both all some many most
    several more less few other another each every no not nor only just still even if when while
    where why how what which who whose whom nearly about around almost one two three four five
    six seven eight nine ten eleven twelve dozens hundreds thousands tens new former top senior
    regional local emergency heavy kremlin-backed pro-russian pro-kremlin units unit military
    army navy soldiers servicemen people police rescuers firefighters doctors protesters
    prisoners such once now then today yesterday tomorrow tonight moreover furthermore instead
    otherwise describing speaking asked responding referring commenting citing adding noting
    video footage images photos satellite president government parliament lawmakers voters""")
"""Words capitalised only because they open a sentence or headline."""

CONNECTORS = frozenset({"of", "de", "del", "von", "der", "van", "al", "bin", "la", "le", "da"})
"""Lower-case words that can sit inside a name (`Sea of Azov`, `Ursula von der Leyen`)."""

PLACE_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("people's", "republic"),
    ("nuclear", "power", "plant"),
    ("region",),
    ("oblast",),
    ("province",),
    ("npp",),
    ("krai",),
)
"""Capitalised words after a place that still name the place (`Kursk Region`)."""

COMPOUND_TAILS = words("""made supplied backed based led brokered era controlled occupied held
    born built designed owned funded style""")
"""`US-supplied`, `Kremlin-backed`, `Soviet-era`: the name before the hyphen stands alone."""
