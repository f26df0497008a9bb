"""Words, pieces and word 3-gram hashes of many texts at once, in numpy.

A text is cut into *pieces* (about a sentence each) and each piece into overlapping word
3-grams ("shingles"), hashed to 64 bits. The same pieces serve candidate search (a
MinHash signature per piece) and passage alignment (shared shingles between pieces), so
a text is read once. Everything works on the UTF-8 bytes of a whole batch with array
operations: a loop over tokens in Python cost more than all the rest of the stage.

Words are runs of ASCII letters, digits, ``_`` and non-ASCII characters other than the
common punctuation (quotes, dashes, no-break spaces); ASCII letters are lowercased. A
piece ends at ``. ! ? ;`` or a paragraph break once it holds ``MIN_PIECE_TOKENS`` words.
Piece spans are character offsets into each text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np

__all__ = ["MIN_PIECE_TOKENS", "SHINGLE_WORDS", "ArticlePieces", "Shingled", "shingle_texts"]

# Word 3-grams: long enough that two unrelated sentences rarely share many, short enough
# that a changed word ("Tuesday" -> "October 22") spoils only three of a sentence's ~20.
SHINGLE_WORDS = 3
# Pieces shorter than this are merged with the next one: "U.S." or "p.m." split text
# into fragments that are not evidence of anything on their own.
MIN_PIECE_TOKENS = 8
# A sentence longer than this is also cut at a comma or colon (see _clause_cuts), when
# MIN_CLAUSE words follow: a shorter tail ("..., Ivo Rand hopes because of a broken
# fan.") is formulaic, and its pieces linked unrelated generated articles.
LONG_CLAUSE = 16
MIN_CLAUSE = 12
# Texts are processed this many bytes at a time: the arrays of one chunk (about 40 bytes
# a byte of text) stay small whatever the batch, below the size at which the C library
# maps fresh memory for each array (at 4 MB a chunk, a first batch of 10,000 articles
# took 0.60 s, two thirds more than a second one, in page faults; at 0.5 MB, 0.36 s).
CHUNK_BYTES = 500_000
# Chunks are cut in this many threads at once: numpy's array operations release the
# interpreter lock, so two threads cut a batch in about 0.6 of the time of one.
THREADS = max(1, min(4, os.cpu_count() or 1))

_U64 = np.uint64
_MASK64 = 0xFFFFFFFFFFFFFFFF
# Keys of 64-bit mixing (odd multipliers, and salts for the extra signature hashes).
_K = [_U64(k) for k in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)]
_K_LEN = _U64(0x27D4EB2F165667C5)
SALTS = (_U64(0x5851F42D4C957F2D), _U64(0x14057B7EF767814F))

_OPEN = frozenset('"“‘([')
_CLOSE = frozenset("\"'”’)]")


def _table() -> np.ndarray:
    word = np.zeros(256, dtype=np.uint8)
    for ch in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
        word[ch] = 1
    word[0x80:] = 1  # non-ASCII: letters unless marked as punctuation below
    for ch in b".!?;":
        word[ch] = 2
    return word


_CLASS = _table()
_WORD, _BREAK = 1, 2
# Second bytes after 0xC2 that spell Latin-1 punctuation: no-break space, ¡ § © « ® ° ±
# ¶ · » ¿. (0xE2 0x80/0x81 is General Punctuation: dashes, curly quotes, ellipsis.)
_LATIN1_PUNCT = np.array([0xA0, 0xA1, 0xA7, 0xA9, 0xAB, 0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF])


# After a mark that ends a sentence: space, a closing quote or bracket, UTF-8 punctuation
# (0xE2: curly quotes), or the end of the text (0).
_SPACE_AFTER = np.zeros(256, dtype=bool)
_SPACE_AFTER[[0, 0x09, 0x0A, 0x0D, 0x20, 0xE2, 0xC2, ord('"'), ord("'"), ord(")"), ord("]")]] = True
_LETTER = np.zeros(256, dtype=bool)
_LETTER[ord("a") : ord("z") + 1] = _LETTER[ord("A") : ord("Z") + 1] = True
# Words whose period does not end a sentence ("Gen. Kim", "Oct. 24").
ABBREVIATIONS = (
    *("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov"),
    *("st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "no"),
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: every input bit moves every output bit."""
    x ^= x >> _U64(30)
    x *= _U64(0xBF58476D1CE4E5B9)
    x ^= x >> _U64(27)
    x *= _U64(0x94D049BB133111EB)
    x ^= x >> _U64(31)
    return x


_LOWER_BITS = _U64(0x2020202020202020)
# Masks keeping the first n bytes of a little-endian uint64, n = 0..8.
_KEEP = np.array([(1 << (8 * n)) - 1 if n < 8 else _MASK64 for n in range(9)], dtype=np.uint64)


@dataclass(frozen=True)
class Shingled:
    """Pieces and shingles of a batch of texts. Piece ``p`` belongs to text
    ``piece_text[p]``, covers characters ``[piece_start[p], piece_end[p])`` of it, holds
    shingles ``hashes[shingle_at[p]:shingle_at[p + 1]]``; text ``t`` holds pieces
    ``piece_at[t]:piece_at[t + 1]``."""

    texts: Sequence[str]
    piece_at: np.ndarray  # int64, texts + 1
    piece_start: np.ndarray  # int64, characters into the piece's text
    piece_end: np.ndarray
    shingle_at: np.ndarray  # int64, pieces + 1
    hashes: np.ndarray  # uint64

    @property
    def pieces(self) -> int:
        return len(self.piece_start)

    def article(self, n: int) -> ArticlePieces:
        first, last = int(self.piece_at[n]), int(self.piece_at[n + 1])
        at = self.shingle_at[first : last + 1]
        counts = np.diff(at)
        return ArticlePieces(
            text=self.texts[n],
            starts=self.piece_start[first:last],
            ends=self.piece_end[first:last],
            hashes=self.hashes[at[0] : at[-1]],
            piece_of=np.repeat(np.arange(last - first, dtype=np.int64), counts),
        )


@dataclass(frozen=True)
class ArticlePieces:
    """One text's pieces (byte spans) and shingles (with the piece each is in)."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray
    piece_of: np.ndarray

    @classmethod
    def of(cls, text: str) -> ArticlePieces:
        return shingle_texts([text]).article(0)

    @property
    def pieces(self) -> int:
        return len(self.starts)

    @cached_property
    def total_chars(self) -> int:
        return int((self.ends - self.starts).sum()) or 1

    @cached_property
    def distinct(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each piece's distinct shingles (hashes, and their pieces, ordered by hash then
        piece) and every piece's count of them."""
        if not len(self.hashes):
            empty = np.empty(0, dtype=np.int64)
            return self.hashes, empty, np.zeros(self.pieces, dtype=np.int64)
        # one sort serves both this and ``where``: a stable sort keeps equal hashes in
        # piece order, so a 3-gram repeated in its piece is a repeat of its neighbour
        order = np.argsort(self.hashes, kind="stable")
        hashes, piece_of = self.hashes[order], self.piece_of[order]
        first = np.ones(len(hashes), dtype=bool)
        first[1:] = (hashes[1:] != hashes[:-1]) | (piece_of[1:] != piece_of[:-1])
        hashes, piece_of = hashes[first], piece_of[first]
        return hashes, piece_of, np.bincount(piece_of, minlength=self.pieces)

    @cached_property
    def signed(self) -> np.ndarray:
        """The pieces that have 3-grams (and so a signature), in order."""
        if not len(self.piece_of):
            return np.empty(0, dtype=np.int64)
        starts = np.append(True, self.piece_of[1:] != self.piece_of[:-1])
        signed: np.ndarray = self.piece_of[starts]
        return signed

    @cached_property
    def where(self) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct hashes, and the piece each is in (the later one when a 3-gram
        recurs: rare in one article, and one piece a hash keeps lookups to a search)."""
        hashes, piece_of, _ = self.distinct
        last = np.ones(len(hashes), dtype=bool)
        last[:-1] = hashes[1:] != hashes[:-1]
        return hashes[last], piece_of[last]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of pieces, widened over the quotation marks and brackets that open or
        close the text there."""
        text = self.text
        while start > 0 and text[start - 1] in _OPEN:
            start -= 1
        while end < len(text) and text[end] in _CLOSE:
            end += 1
        return start, end


def _abbreviation_hashes() -> np.ndarray:
    data = np.frombuffer(" ".join(ABBREVIATIONS).encode() + bytes(16), dtype=np.uint8)
    edges = np.diff(np.concatenate(([0], _CLASS[data] == _WORD, [0])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return np.sort(_word_hashes(data, starts, ends))


def shingle_texts(texts: Sequence[str]) -> Shingled:
    """Pieces and shingle hashes of every text (deterministic: same text, same hashes)."""
    chunks: list[list[bytes]] = [[]]
    size = 0
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        if chunks[-1] and size + len(data) > CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(data)
        size += len(data) + 1
    if len(chunks) > 1 and THREADS > 1:
        with ThreadPoolExecutor(THREADS) as pool:
            parts = list(pool.map(_chunk, chunks))
    else:
        parts = [_chunk(chunk) for chunk in chunks]
    counts = np.concatenate([p[0] for p in parts])
    pieces = np.concatenate([p[3] for p in parts])
    return Shingled(
        texts=texts,
        piece_at=_offsets(counts),
        piece_start=np.concatenate([p[1] for p in parts]),
        piece_end=np.concatenate([p[2] for p in parts]),
        shingle_at=_offsets(pieces),
        hashes=np.concatenate([p[4] for p in parts]),
    )


def _offsets(counts: np.ndarray) -> np.ndarray:
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def _chunk(texts: list[bytes]) -> tuple[np.ndarray, ...]:
    """(pieces per text, piece starts, piece ends, shingles per piece, shingle hashes)."""
    empty = np.empty(0, dtype=np.int64)
    if not texts:
        return np.zeros(0, dtype=np.int64), empty, empty, empty, np.empty(0, dtype=np.uint64)
    # zeros after the end, so that eight bytes can be read from any word start
    data = np.frombuffer(b"\0".join(texts) + bytes(16), dtype=np.uint8)
    size = len(data) - 16
    text_at = _offsets(np.array([len(t) + 1 for t in texts], dtype=np.int64))[:-1]
    kind = _CLASS[data]
    _unmark_punctuation(data, kind)

    # words: runs of word bytes
    is_word = np.zeros(len(data) + 2, dtype=np.int8)
    is_word[1:-1] = kind == _WORD
    edges = np.diff(is_word)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    words = len(starts)
    if not words:
        none = np.zeros(len(texts), dtype=np.int64)
        return none, empty, empty, empty, np.empty(0, dtype=np.uint64)
    text_words = np.searchsorted(starts, text_at)  # first word of each text
    hashes = _word_hashes(data, starts, ends)

    # candidate cuts (a piece may start at word c): after a break mark or a paragraph
    breaks = np.flatnonzero(kind == _BREAK)
    ends_sentence = _sentence_ends(data, breaks, starts, ends, hashes)
    newlines = np.flatnonzero(data == 0x0A)
    after_newline = np.searchsorted(starts, newlines)
    paragraph = after_newline[1:][after_newline[1:] == after_newline[:-1]]
    cuts = _union(np.searchsorted(starts, breaks[ends_sentence]), paragraph)
    cuts = _union(cuts, _clause_cuts(data, starts, _union(cuts, text_words), words))
    pieces_start = _choose_cuts(cuts, text_words, words)

    # piece spans: first word's start to the last word's end, or the break mark after it
    piece_text = np.searchsorted(text_words, pieces_start, side="right") - 1
    last_word = np.append(pieces_start[1:], words) - 1
    span_end = ends[last_word]
    mark = np.searchsorted(breaks, span_end)
    text_end = np.append(text_at[1:] - 1, size)[piece_text]
    following = np.minimum(np.append(starts, size)[last_word + 1], text_end)
    has_mark = mark < len(breaks)
    has_mark[has_mark] &= breaks[mark[has_mark]] < following[has_mark]
    span_end[has_mark] = breaks[mark[has_mark]] + 1
    # as character offsets into each text: bytes less the UTF-8 continuation bytes
    continuation = np.flatnonzero((data & 0xC0) == 0x80)
    base = text_at[piece_text]
    base = base - np.searchsorted(continuation, base)

    # shingles: 3 consecutive words of one piece
    piece_of_word = np.zeros(words, dtype=np.int64)
    piece_of_word[pieces_start[1:]] = 1
    np.cumsum(piece_of_word, out=piece_of_word)
    if words >= SHINGLE_WORDS:
        inside = piece_of_word[:-2] == piece_of_word[2:]
        shingles = hashes[:-2] * _K[0]
        shingles += hashes[1:-1] * _K[1]
        shingles += hashes[2:] * _K[2]
        shingles = _mix(shingles[inside])
        per_piece = np.bincount(piece_of_word[:-2][inside], minlength=len(pieces_start))
    else:
        shingles = np.empty(0, dtype=np.uint64)
        per_piece = np.zeros(len(pieces_start), dtype=np.int64)
    per_text = np.bincount(piece_text, minlength=len(texts))
    return (
        per_text,
        _chars(starts[pieces_start], continuation) - base,
        _chars(span_end, continuation) - base,
        per_piece,
        shingles,
    )


def _chars(offsets: np.ndarray, continuation: np.ndarray) -> np.ndarray:
    return offsets - np.searchsorted(continuation, offsets)


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted distinct values of both (np.union1d, without its hash table)."""
    both = np.concatenate((a, b))
    both.sort()
    return both[np.append(True, both[1:] != both[:-1])] if len(both) else both


def _clause_cuts(
    data: np.ndarray, starts: np.ndarray, sentences: np.ndarray, words: int
) -> np.ndarray:
    """Cuts at a comma or colon inside a long sentence, LONG_CLAUSE words in and
    MIN_CLAUSE before its end: a quote or clause that two articles share inside
    otherwise different sentences then makes up most of a piece in both."""
    marks = np.flatnonzero((data[:-1] == ord(",")) | (data[:-1] == ord(":")))
    marks = marks[data[marks + 1] == ord(" ")]  # not "2,000"
    at = np.searchsorted(starts, marks)
    bounds = np.append(sentences, words)
    after = np.searchsorted(bounds, at, side="right")
    before = bounds[np.maximum(after - 1, 0)]
    following = bounds[np.minimum(after, len(bounds) - 1)]
    chosen: np.ndarray = at[(at - before >= LONG_CLAUSE) & (following - at >= MIN_CLAUSE)]
    return chosen


def _sentence_ends(
    data: np.ndarray, breaks: np.ndarray, starts: np.ndarray, ends: np.ndarray, hashes: np.ndarray
) -> np.ndarray:
    """Which break marks end a sentence, as a reader takes them: followed by a space (or
    a closing quote, or the end), a period not after an initial or a common abbreviation
    ("U.S.", "Gen."), and the next word not in lower case ("11 p.m. on Tuesday")."""
    if not len(breaks):
        return np.zeros(0, dtype=bool)
    padded = np.append(data, [0, 0])
    after = padded[breaks + 1]
    out = _SPACE_AFTER[after]
    word = np.searchsorted(starts, breaks) - 1  # the word before the mark
    touching = (word >= 0) & (ends[np.maximum(word, 0)] == breaks)
    period = data[breaks] == ord(".")
    short = touching & period & (ends[word] - starts[word] == 1)
    short &= _LETTER[data[starts[word]]]
    abbreviation = touching & period & np.isin(hashes[word], _ABBREVIATION_HASHES)
    following = np.searchsorted(starts, breaks)
    lower = np.zeros(len(breaks), dtype=bool)
    inside = following < len(starts)
    first = data[starts[following[inside]]]
    lower[inside] = (first >= ord("a")) & (first <= ord("z"))
    semicolon = data[breaks] == ord(";")
    ending: np.ndarray = out & ~short & ~abbreviation & (semicolon | ~lower)
    return ending


def _unmark_punctuation(data: np.ndarray, kind: np.ndarray) -> None:
    """Non-ASCII punctuation separates words, as ASCII punctuation does."""
    n = len(data)
    lead = np.flatnonzero(data[: max(n - 2, 0)] == 0xE2)
    lead = lead[(data[lead + 1] == 0x80) | (data[lead + 1] == 0x81)]
    for step in range(3):
        kind[lead + step] = 0
    lead = np.flatnonzero(data[: max(n - 1, 0)] == 0xC2)
    lead = lead[np.isin(data[lead + 1], _LATIN1_PUNCT)]
    for step in range(2):
        kind[lead + step] = 0


def _word_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word's bytes: its first 16 bytes, last 8 and length (a word
    longer than 24 bytes that differs only in its middle shares a hash: harmless).
    ``data`` must have 16 bytes after the last word. Bit 5 of every byte is set: that
    lowercases ASCII letters (and the Latin-1 and Cyrillic ones, in UTF-8) and leaves
    digits alone; other bytes it conflates are no evidence either way."""
    eight = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    length = ends - starts
    value = eight[starts] | _LOWER_BITS
    value &= _KEEP[np.minimum(length, 8)]
    value *= _K[0]
    second = eight[starts + 8] | _LOWER_BITS
    second &= _KEEP[np.clip(length - 8, 0, 8)]
    second *= _K[1]
    value += second
    long = np.flatnonzero(length > 16)
    value[long] += (eight[ends[long] - 8] | _LOWER_BITS) * _K[2]
    value += length.astype(np.uint64) * _K_LEN
    return _mix(value)


def _choose_cuts(cuts: np.ndarray, text_words: np.ndarray, words: int) -> np.ndarray:
    """The first word of each piece: every text starts one, and a candidate cut starts
    one when the piece before it would hold MIN_PIECE_TOKENS words; a short last piece
    joins the one before. (Greedy, as reading along: only cuts after a short stretch
    depend on earlier choices, and only those are decided one by one.)"""
    text_words = text_words[text_words < words]
    text_words = text_words[np.append(text_words[1:] != text_words[:-1], True)]
    cuts = cuts[(cuts > 0) & (cuts < words)]
    at = np.minimum(np.searchsorted(text_words, cuts), max(len(text_words) - 1, 0))
    cuts = cuts[text_words[at] != cuts] if len(text_words) else cuts
    forced = np.concatenate((text_words, cuts))
    is_text = np.concatenate((np.ones(len(text_words), bool), np.zeros(len(cuts), bool)))
    order = np.argsort(forced, kind="stable")
    at, is_text = forced[order], is_text[order]
    if not len(at):
        return at
    gap = np.diff(at, prepend=0)
    sure = is_text | (gap >= MIN_PIECE_TOKENS)
    keep = sure.copy()
    unsure = np.flatnonzero(~sure)
    if len(unsure):
        # the last sure cut before each unsure one
        last_sure = np.maximum.accumulate(np.where(sure, at, -1))
        kept_at = -1
        for n, position, floor in zip(
            unsure.tolist(), at[unsure].tolist(), last_sure[unsure].tolist(), strict=True
        ):
            previous = max(floor, kept_at)
            if position - previous >= MIN_PIECE_TOKENS:
                keep[n] = True
                kept_at = position
    at, is_text = at[keep], is_text[keep]
    # a short last piece of a text joins the piece before it
    following = np.append(at[1:], words)
    tail = ~is_text & np.append(is_text[1:], True) & (following - at < MIN_PIECE_TOKENS)
    chosen: np.ndarray = at[~tail]
    return chosen


_ABBREVIATION_HASHES = _abbreviation_hashes()
