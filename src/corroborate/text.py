"""Text helpers shared by the readers: decoding bytes, normalising, hashing."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Decoded",
    "content_hash",
    "decode_bytes",
    "normalise_for_hash",
    "shorten",
    "tidy_paragraphs",
]

# Bytes that never occur in text (tab, line feed, form feed, carriage return excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# Share of control bytes above which data is binary. Compressed or random data has 28 in
# 256 (11%), image and archive headers more; text has none but the odd stray (a vertical
# tab, a DOS end-of-file mark). 2% is a fifth of the binary share and still lets one stray
# byte in every 50 through.
_MAX_CONTROL_SHARE = 0.02
# UTF-16 without a byte-order mark: every character below U+0100 has a NUL high byte,
# on the odd offsets for little-endian and the even ones for big-endian. Latin-script
# text puts NULs in 90% or more of one side; Greek or Cyrillic prose, through its spaces
# and punctuation alone, in 17-20% (measured on sample sentences); random or compressed
# data in under 1%. The other side is almost NUL-free, as only U+0100, U+0200 ... have a
# NUL low byte; binary data that passes both shares is still caught by the
# control-character test on the decoded text.
_UTF16_NUL_SIDE = 0.15
_UTF16_OTHER_SIDE = 0.05
# Bytes Windows-1252 leaves undefined, decoded as U+FFFD; a few in a text are corruption.
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
# Typographic variants that copies of one text often differ in.
_FOLDS = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"))


def normalise_for_hash(text: str) -> str:
    """The form two copies of one article share: NFKC, straight quotes, one space, lower case."""
    if not text.isascii():  # NFKC and the folds change nothing in ASCII
        text = unicodedata.normalize("NFKC", text)
        for typographic, plain in _FOLDS:  # str.replace is C-speed; translate() was not
            if typographic in text:
                text = text.replace(typographic, plain)
    return " ".join(text.split()).lower()


def content_hash(text: str) -> str:
    """The article id: 16 bytes of BLAKE2b over the normalised text, as hex."""
    return hashlib.blake2b(normalise_for_hash(text).encode("utf-8"), digest_size=16).hexdigest()


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def tidy_paragraphs(text: str) -> str:
    """Unify line ends, collapse spaces in each line, and keep exactly one blank line
    between paragraphs."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())  # str.split() also splits on no-break spaces
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when the bytes were not what they should have been


class DecodeFailure(ValueError):
    """Bytes that are not text in any encoding we accept."""


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes: BOM, UTF-16 without one, the declared charset, UTF-8, then
    Windows-1252 (its few undefined bytes replaced, with a note).

    Raises :class:`DecodeFailure` for binary data (NUL bytes, many control characters).
    """
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(
                    f"not valid {name} despite its byte-order mark ({exc.reason})"
                ) from exc
    sample = data[:65536]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(data, sample)
        if utf16 is None:
            raise DecodeFailure("binary data (NUL bytes), not text")
        return utf16
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise DecodeFailure("binary data (control bytes), not text")
    if declared:
        try:
            return Decoded(data.decode(declared), declared.lower())
        except (UnicodeError, LookupError):  # UnicodeError: codecs such as "idna", "undefined"
            pass  # a wrong declaration is common; fall back to what the bytes say
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    note = f"not valid UTF-8 (bad byte at offset {first_bad}); read as Windows-1252"
    undefined = sum(data.count(b) for b in _CP1252_UNDEFINED)
    if undefined:
        note += (
            f", with {undefined} undefined byte{'s' if undefined > 1 else ''} replaced by U+FFFD"
        )
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", note)


def _utf16_without_bom(data: bytes, sample: bytes) -> Decoded | None:
    """UTF-16 text that lost its byte-order mark, told by its alternating NUL bytes."""
    even, odd = sample[0::2], sample[1::2]
    if not odd or len(data) % 2:
        return None
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= _UTF16_NUL_SIDE and even_nuls <= _UTF16_OTHER_SIDE:
        name = "utf-16-le"
    elif even_nuls >= _UTF16_NUL_SIDE and odd_nuls <= _UTF16_OTHER_SIDE:
        name = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text[:32768] if c < " " and c not in "\t\n\f\r")
    if text and controls / min(len(text), 32768) > _MAX_CONTROL_SHARE:
        return None
    return Decoded(text, name, f"no byte-order mark; read as {name.upper()} (every other byte NUL)")
