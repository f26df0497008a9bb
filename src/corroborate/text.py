"""Text helpers shared by the readers: decoding bytes, normalising, hashing."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

__all__ = ["Decoded", "content_hash", "decode_bytes", "normalise_for_hash", "tidy_paragraphs"]

# Bytes that never occur in text (tab, line feed, form feed, carriage return excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
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
    """Decode article bytes: BOM, then the declared charset, UTF-8, then Windows-1252.

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
    if b"\x00" in data[:65536]:
        raise DecodeFailure("binary data (NUL bytes), not text")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.02:
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
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeFailure(
            f"not valid UTF-8 (bad byte at offset {first_bad}) nor Windows-1252"
        ) from exc
    return Decoded(
        text, "cp1252", f"not valid UTF-8 (bad byte at offset {first_bad}); read as Windows-1252"
    )
