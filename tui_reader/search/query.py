"""The search language, as a web-search user types it, parsed into a tree the index can run.

    kursk tanks               both words (in any paragraph of the same side of a day)
    "grain deal"              the phrase
    kursk OR bryansk          either word
    kursk -tanks              kursk, leaving out sides of days that mention tanks
    (kursk OR bryansk) drone  brackets group; AND may be written out; NOT is the same as -
    side:russian              only the Russian perspective (western, russian or bulletin),
                              wherever it is written (but not inside brackets)
    mobilis*                  words starting with "mobilis"

A name typed as a word finds every spelling of it the caller knows (`Query.with_spellings`:
kiev finds Kyiv too); in quotes it is taken as typed ("kiev" finds Kiev only).

Words are matched stemmed and without case or accents (`tank` finds `Tanks`). Every word and
phrase becomes a quoted FTS5 string of its own (`Term.fts`), so nothing typed is ever read by
FTS5 as syntax. Text that makes no sense raises `QueryError` with one plain sentence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

SIDES = ("western", "russian", "bulletin")
"""The sides a passage can belong to (`bulletin` for the 2022 format)."""

PREFIX_WHILE_TYPING = 3
"""While typing, a last word this long or longer also finds longer words (`kur` finds Kursk)."""


class QueryError(ValueError):
    """The query cannot be run; the message says why in one plain sentence."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a quoted phrase; `prefix` also finds words that start with its last word."""

    text: str
    prefix: bool = False
    quoted: bool = False
    """Typed in quotes: taken as typed, never in other spellings."""

    def fts(self) -> str:
        """The term as an FTS5 string: quoted, so FTS5 only ever tokenizes it."""
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every item matches (at least one item is not a `Without`)."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Without:
    """Leaves out what `item` matches (only ever an item of `AllOf`)."""

    item: Node


Node = Term | AllOf | AnyOf | Without

OtherSpellings = Callable[[str], tuple[str, tuple[str, ...]] | None]
"""For a word: the name it spells and the name's other spellings, or None if it is no name."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: what to match (`root`) and on which sides."""

    text: str
    root: Node
    sides: frozenset[str] = field(default=frozenset(SIDES))
    names: tuple[str, ...] = ()
    """Names also looked for in their other spellings (see `with_spellings`)."""

    def fts(self) -> str:
        """The whole query as one FTS5 expression (to match against all of a side's text)."""
        return _fts(self.root)

    def terms(self) -> tuple[Term, ...]:
        """The words and phrases looked for (not those left out), each once, in typed order."""
        unique: dict[str, Term] = {}
        for term in _positive_terms(self.root):
            unique.setdefault(term.fts(), term)  # `kiev` and `"kiev"` are looked for alike
        return tuple(unique.values())

    def fts_any(self) -> str:
        """An FTS5 expression matching every passage that holds any term looked for."""
        return " OR ".join(term.fts() for term in self.terms())

    def on_sides(self, sides: frozenset[str] | set[str] | tuple[str, ...]) -> Query:
        """The query narrowed to `sides` as well (no side left matches nothing)."""
        return replace(self, sides=self.sides & frozenset(sides))

    def with_spellings(self, spellings: OtherSpellings) -> Query:
        """The query with each word that is a known name (`spellings` says which) also finding
        the name's other spellings: `kiev` becomes `(kiev OR kyiv OR kiyv)`."""
        names: list[str] = []

        def spelt(node: Node) -> Node:
            if isinstance(node, Term):
                found = None if node.quoted else spellings(node.text)
                if found is None:
                    return node
                names.append(found[0])
                return AnyOf((node, *(Term(other) for other in found[1])))
            if isinstance(node, Without):
                return Without(spelt(node.item))
            return type(node)(tuple(spelt(item) for item in node.items))

        root = spelt(self.root)
        return replace(self, root=root, names=tuple(dict.fromkeys(names))) if names else self


def _fts(node: Node) -> str:
    if isinstance(node, Term):
        return node.fts()
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(_fts(item) for item in node.items) + ")"
    if isinstance(node, Without):  # only ever inside AllOf, which writes it as NOT
        return _fts(node.item)
    wanted = " AND ".join(_fts(item) for item in node.items if not isinstance(item, Without))
    unwanted = "".join(f" NOT {_fts(item)}" for item in node.items if isinstance(item, Without))
    return f"(({wanted}){unwanted})" if unwanted else f"({wanted})"


def _positive_terms(node: Node) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, AllOf | AnyOf):
        for item in node.items:
            yield from _positive_terms(item)


# -- reading the text ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word, phrase, side, not, and, or, (, )
    text: str = ""
    last: bool = False
    """The word (or unclosed phrase) ends the text: it may still be being typed."""


def _has_letters(text: str) -> bool:
    """Whether the index would find a word in `text` (letters, digits or private characters)."""
    return any(unicodedata.category(char).startswith(("L", "N", "Co")) for char in text)


def _cleaned(text: str) -> str:
    """Control characters and unpaired surrogates become spaces (they can never match)."""
    return "".join(" " if unicodedata.category(char) in ("Cc", "Cs") else char for char in text)


def _tokens(text: str, typing: bool) -> list[_Token]:
    tokens: list[_Token] = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char.isspace():
            index += 1
        elif char in "()":
            tokens.append(_Token(char))
            index += 1
        elif char == '"':
            close = text.find('"', index + 1)
            if close < 0:
                if not typing:
                    raise QueryError('A quote is opened but never closed; add the closing ".')
                close = end
            tokens.append(_Token("phrase", text[index + 1 : close], last=close == end))
            index = close + 1
        elif (
            char == "-"
            and index + 1 < end
            and not text[index + 1].isspace()
            and (text[index + 1] not in ")-")
        ):
            tokens.append(_Token("not"))
            index += 1
        else:
            stop = index
            while stop < end and not text[stop].isspace() and text[stop] not in '()"':
                stop += 1
            word = text[index:stop]
            if word in ("OR", "AND", "NOT"):
                tokens.append(_Token(word.lower()))
            elif word.lower().startswith("side:"):
                tokens.append(_Token("side", word[5:].lower(), last=stop == end))
            else:
                tokens.append(_Token("word", word, last=stop == end))
            index = stop
    return tokens


def _example(operator: str) -> str:
    return "kursk OR bryansk" if operator == "or" else "kursk AND tanks"


class _Parser:
    """Recursive descent over the tokens: OR binds loosest, then AND (or plain spaces), then -."""

    def __init__(self, tokens: list[_Token], typing: bool) -> None:
        self.tokens = tokens
        self.position = 0
        self.typing = typing
        self.depth = 0
        self.negations = 0
        self.wanted_sides: set[str] = set()
        self.unwanted_sides: set[str] = set()
        self.nested_side = False

    def peek(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def fail(self, message: str) -> None:
        """Raise `message`, unless the text is still being typed and may yet make sense."""
        if not self.typing:
            raise QueryError(message)

    def parse(self) -> Node | None:
        node = self.any_of()
        if self.peek() == ")":
            raise QueryError('There is a ")" with no "(" before it; remove it or add the "(".')
        return node

    def any_of(self) -> Node | None:
        items = [self.all_of()]
        while self.peek() == "or":
            self.take()
            items.append(self.all_of())
        if len(items) > 1 and None in items:
            self.fail(f'OR needs something to look for on each side, as in "{_example("or")}".')
        found = [item for item in items if item is not None]
        if not found:
            return None
        return found[0] if len(found) == 1 else AnyOf(tuple(found))

    def all_of(self) -> Node | None:
        items: list[Node] = []
        while (kind := self.peek()) not in (None, ")", "or"):
            if kind == "and":
                self.take()
                if not items or self.peek() in (None, ")", "or"):
                    self.fail(
                        f'AND needs something to look for on each side, as in "{_example("and")}".'
                    )
                continue
            item = self.unary()
            if item is not None:
                items.append(item)
        if not items:
            return None
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def unary(self) -> Node | None:
        if self.peek() != "not":
            return self.primary()
        self.take()
        if self.peek() in (None, ")", "or", "and"):
            self.fail('A "-" or NOT needs a word right after it, as in "kursk -tanks".')
            return None
        self.negations += 1
        item = self.unary()
        self.negations -= 1
        return Without(item) if item is not None else None

    def primary(self) -> Node | None:
        token = self.take()
        if token.kind == "word":
            return self.word(token)
        if token.kind == "phrase":
            return self.phrase(token)
        if token.kind == "side":
            self.side(token)
            return None
        # "(": a group
        self.depth += 1
        node = self.any_of()
        self.depth -= 1
        if self.peek() == ")":
            self.take()
        else:
            self.fail('A bracket is opened but never closed; add a ")" or remove the "(".')
        if node is None:
            self.fail('Brackets need something to look for inside, as in "(kursk OR bryansk)".')
        return node

    def word(self, token: _Token) -> Term | None:
        word = token.text.rstrip("*")
        if not _has_letters(word):
            return None
        return Term(word, prefix=word != token.text or self.still_typing(token, word))

    def phrase(self, token: _Token) -> Term | None:
        words = token.text.split()
        if not _has_letters(token.text):
            return None
        return Term(" ".join(words), prefix=self.still_typing(token, words[-1]), quoted=True)

    def still_typing(self, token: _Token, word: str) -> bool:
        """`word` ends the text being typed and is long enough to find the words it begins."""
        return self.typing and token.last and len(word) >= PREFIX_WHILE_TYPING

    def side(self, token: _Token) -> None:
        name = token.text
        if name not in SIDES:
            if self.typing and token.last and any(side.startswith(name) for side in SIDES):
                return
            raise QueryError(
                f'"side:" takes western, russian or bulletin, not "{name or "nothing"}".'
            )
        if self.depth:
            self.nested_side = True
        (self.unwanted_sides if self.negations % 2 else self.wanted_sides).add(name)


def _check_something_wanted(node: Node) -> None:
    """Every AND group looks for something, not only for things to leave out."""
    if isinstance(node, Without):
        node = AllOf((node,))
    if isinstance(node, AllOf):
        if all(isinstance(item, Without) for item in node.items):
            first = node.items[0]
            if isinstance(first, Without) and isinstance(first.item, Term):
                raise QueryError(
                    f'"-{first.item.text}" only leaves results out; add a word to look for,'
                    f' as in "tanks -{first.item.text}".'
                )
            raise QueryError(
                "A search that only leaves things out finds nothing; add a word to look for,"
                ' as in "tanks -kursk".'
            )
        for item in node.items:
            _check_something_wanted(item.item if isinstance(item, Without) else item)
    elif isinstance(node, AnyOf):
        for item in node.items:
            _check_something_wanted(item)


def parse_query(text: str, typing: bool = False) -> Query:
    """The query `text` asks for; raises QueryError saying why when it cannot be run.

    With `typing`, the text is still being typed: an unclosed quote or bracket or a trailing
    operator is forgiven, and the last word also finds longer words.
    """
    cleaned = _cleaned(text)
    parser = _Parser(_tokens(cleaned, typing), typing)
    root = parser.parse()
    if parser.nested_side:
        raise QueryError('"side:" applies to the whole search; take it out of the brackets.')
    if root is None:
        if parser.wanted_sides or parser.unwanted_sides:
            raise QueryError('Add a word to look for; "side:" only narrows a search.')
        if cleaned.strip():
            raise QueryError("The search has no letters or digits to look for.")
        raise QueryError("Type a word to look for.")
    _check_something_wanted(root)
    sides = frozenset(parser.wanted_sides or SIDES) - parser.unwanted_sides
    return Query(" ".join(cleaned.split()), root, sides)
