"""Quoted passages: where each quotation starts and ends, across sentences and paragraphs.

News quotes break the simple rule that every opening mark has a closing one: a quote that
runs over several paragraphs opens each paragraph with a mark and closes only the last,
and careless copy drops the closing mark at the end of a paragraph. Both are handled
here: a quote ends at its closing mark or at the end of its paragraph, and it goes on
into the next paragraph when that paragraph opens with a quotation mark and the previous
one was left open. Single marks inside a double-quoted passage are nested quotes and stay
part of it; single marks at the top level count as quotes only when they open a word and
close one (so that apostrophes in "don't" and "the Smiths'" are not read as quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPENING_DOUBLE = "“„«"
_CLOSING_DOUBLE = "”»"
_STRAIGHT_DOUBLE = '"'
_OPENING_SINGLE = "‘"
_CLOSING_SINGLE = "’"
_STRAIGHT_SINGLE = "'"

# A quote of fewer words than this inside a longer clause is a quoted fragment ("called
# the plan 'reckless'"), not a quotation that stands as the content of a claim.
FRAGMENT_WORDS = 4


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its segments (with their marks), one per paragraph it spans."""

    segments: tuple[tuple[int, int], ...]
    closed: bool  # the last segment ended with a closing mark

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    def words(self, text: str) -> int:
        return sum(len(text[a:b].split()) for a, b in self.segments)


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order."""
    quotes: list[Quote] = []
    open_segments: list[tuple[int, int]] = []  # a quote left open at a paragraph's end
    for paragraph_start, paragraph_end in _paragraphs(text):
        if open_segments and not _opens_with_quote(text, paragraph_start, paragraph_end):
            quotes.append(Quote(tuple(open_segments), closed=False))
            open_segments = []
        for start, end, closed in _quotes_in_paragraph(text, paragraph_start, paragraph_end):
            if open_segments and start == _first_visible(text, paragraph_start, paragraph_end):
                open_segments.append((start, end))
            else:
                if open_segments:
                    quotes.append(Quote(tuple(open_segments), closed=False))
                open_segments = [(start, end)]
            if closed:
                quotes.append(Quote(tuple(open_segments), closed=True))
                open_segments = []
    if open_segments:
        quotes.append(Quote(tuple(open_segments), closed=False))
    return quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start)
        end = len(text) if cut < 0 else cut
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 2 if cut >= 0 else len(text)
    return spans


def _first_visible(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    first = _first_visible(text, start, end)
    return first < end and text[first] in _OPENING_DOUBLE + _STRAIGHT_DOUBLE


def _quotes_in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each top-level quote; an unclosed one runs to the end."""
    found: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        char = text[i]
        if char in _OPENING_DOUBLE or (char == _STRAIGHT_DOUBLE and _opens(text, i, start)):
            close = _find_close(text, i + 1, end, _CLOSING_DOUBLE + _STRAIGHT_DOUBLE)
            if close < 0:
                found.append((i, _trim_end(text, i, end), False))
                break
            found.append((i, close + 1, True))
            i = close + 1
            continue
        if (char in (_OPENING_SINGLE, _STRAIGHT_SINGLE)) and _opens(text, i, start):
            close = _find_single_close(text, i + 1, end, straight=char == _STRAIGHT_SINGLE)
            if close > 0:
                found.append((i, close + 1, True))
                i = close + 1
                continue
        i += 1
    # Marks with no word between them ("“”", a stray "“") quote nothing.
    return [q for q in found if any(c.isalnum() for c in text[q[0] : q[1]])]


def _opens(text: str, i: int, paragraph_start: int) -> bool:
    # A mark opens a quote at the start of a paragraph or after a space, dash or
    # bracket, and when a word follows it.
    before_ok = i == paragraph_start or text[i - 1].isspace() or text[i - 1] in "([—–-:"
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
    return before_ok and after_ok


def _find_close(text: str, i: int, end: int, marks: str) -> int:
    while i < end:
        if text[i] in marks:
            return i
        i += 1
    return -1


def _find_single_close(text: str, i: int, end: int, straight: bool) -> int:
    # A closing single mark ends a word and is not followed by a letter ("don't" is not).
    # After a straight opening mark, "Smiths' house" is more likely a possessive.
    while i < end:
        char = text[i]
        if char in _CLOSING_SINGLE + _STRAIGHT_SINGLE:
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalpha() and i > 0 and not text[i - 1].isspace():
                # "the Smiths' house": a possessive plural, when a word follows directly.
                possessive = (
                    text[i - 1] == "s" and after == " " and _next_is_lower_word(text, i + 1)
                )
                if not (straight and possessive):
                    return i
        if char in _OPENING_DOUBLE + _CLOSING_DOUBLE + "\n":
            return -1
        i += 1
    return -1


def _next_is_lower_word(text: str, i: int) -> bool:
    while i < len(text) and text[i] == " ":
        i += 1
    return i < len(text) and text[i].islower()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
