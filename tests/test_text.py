"""Decoding article bytes, the content hash, and paragraph tidying."""

from __future__ import annotations

import pytest

from corroborate.text import (
    DecodeFailure,
    content_hash,
    decode_bytes,
    normalise_for_hash,
    tidy_paragraphs,
)

SENTENCE = "The café on Portvale’s east quay reopened — “at last”, said a regular."

# --- decode_bytes -------------------------------------------------------------------


def test_plain_utf8_is_decoded_without_a_note() -> None:
    decoded = decode_bytes(SENTENCE.encode("utf-8"))

    assert (decoded.text, decoded.encoding, decoded.note) == (SENTENCE, "utf-8", None)


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be"],
)
def test_byte_order_marks_choose_the_encoding_and_are_dropped(
    bom: bytes, codec: str, encoding: str
) -> None:
    decoded = decode_bytes(bom + SENTENCE.encode(codec))

    assert decoded.text == SENTENCE
    assert decoded.encoding == encoding
    assert decoded.note is None


def test_a_bom_wins_over_a_declared_charset() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), declared="iso-8859-1")

    assert decoded.text == SENTENCE


def test_utf16_bom_with_invalid_content_is_refused() -> None:
    data = b"\xff\xfe" + "Portvale".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate

    with pytest.raises(DecodeFailure, match="not valid utf-16-le despite its byte-order mark"):
        decode_bytes(data)


def test_windows_1252_is_the_fallback_and_says_so() -> None:
    data = SENTENCE.encode("cp1252")
    first_bad = data.index("é".encode("cp1252"))

    decoded = decode_bytes(data)

    assert decoded.text == SENTENCE
    assert decoded.encoding == "cp1252"
    assert decoded.note is not None
    assert "not valid UTF-8" in decoded.note
    assert f"offset {first_bad}" in decoded.note
    assert "Windows-1252" in decoded.note


@pytest.mark.parametrize("undefined", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_windows_1252_undefined_bytes_become_replacement_characters(undefined: bytes) -> None:
    data = "Portvale’s quay".encode("cp1252") + undefined + b" reopened \x93today\x94."

    decoded = decode_bytes(data)

    assert decoded.text == "Portvale’s quay\ufffd reopened “today”."
    assert decoded.encoding == "cp1252"
    assert decoded.note is not None
    assert "1 undefined byte replaced by U+FFFD" in decoded.note


def test_windows_1252_without_undefined_bytes_says_nothing_of_them() -> None:
    note = decode_bytes(SENTENCE.encode("cp1252")).note

    assert note is not None and "undefined" not in note


def test_declared_charset_is_used() -> None:
    greek = "Το λιμάνι άνοιξε ξανά."

    decoded = decode_bytes(greek.encode("iso-8859-7"), declared="ISO-8859-7")

    assert decoded.text == greek
    assert decoded.encoding == "iso-8859-7"


@pytest.mark.parametrize("declared", ["no-such-charset", "undefined", "idna", "base64", "utf-16"])
def test_a_wrong_or_unusable_declaration_falls_back_to_the_bytes(declared: str) -> None:
    data = "Portvale’s quay (a.. b)\n".encode() + b"\xff"

    decoded = decode_bytes(data, declared=declared)

    assert decoded.text.startswith("Portvale")
    assert decoded.encoding in ("utf-8", "cp1252")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"GIF89a" + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 4,
        b"\x00" * 64,  # NULs on both sides: not UTF-16
        b"P\x00o\x00r\x00t\x00\x01\x00\x02\x00\x03\x00\x04\x00",  # UTF-16 control characters
        "Portvale".encode("utf-16-le") + b"\x00",  # an odd number of bytes
    ],
    ids=["png", "control-bytes", "all-nul", "utf-16-controls", "odd-length"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeFailure, match="binary data"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (SENTENCE, "utf-16-le"),
        (SENTENCE, "utf-16-be"),
        ("Portvale\r\nThe quay reopened.\r\n", "utf-16-le"),
        ("Το λιμάνι του Portvale άνοιξε ξανά, είπε ο δήμαρχος.", "utf-16-le"),
        ("Порт Портвейла снова открылся во вторник, сообщил мэр.", "utf-16-be"),
    ],
    ids=["le", "be", "crlf", "greek", "cyrillic"],
)
def test_utf16_without_a_bom_is_told_by_its_nul_bytes(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec))

    assert decoded.text == text
    assert decoded.encoding == codec
    assert decoded.note is not None
    assert "no byte-order mark" in decoded.note
    assert codec.upper() in decoded.note


def test_a_few_control_characters_in_text_are_tolerated() -> None:
    text = "Portvale quay reopened on Monday. " * 10 + "\x0b"

    assert decode_bytes(text.encode("utf-8")).text == text


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode_bytes(b"").text == ""


# --- content_hash -------------------------------------------------------------------

COPIES = [
    SENTENCE,
    "  The café on Portvale’s east quay\n\nreopened —   “at last”, said a regular.  ",
    'THE CAFÉ ON PORTVALE\'S EAST QUAY REOPENED - "AT LAST", SAID A REGULAR.',
    'The café on Portvale\'s east quay reopened - "at last", said a regular.',
    "The cafe\u0301 on Portvale’s east quay reopened — „at last”, said a regular.",  # é decomposed
    "The café on Portvale‘s east quay reopened – “at last„, said a regular.",
]


@pytest.mark.parametrize("copy", COPIES[1:])
def test_copies_differing_in_spacing_quotes_dashes_and_case_share_a_hash(copy: str) -> None:
    assert content_hash(copy) == content_hash(SENTENCE)


def test_different_texts_have_different_hashes() -> None:
    assert content_hash(SENTENCE) != content_hash(SENTENCE.replace("east", "west"))
    assert content_hash("Portvale quay") != content_hash("Portvale quay.")


def test_the_hash_is_32_hex_digits() -> None:
    digest = content_hash(SENTENCE)

    assert len(digest) == 32
    assert int(digest, 16) >= 0


def test_normalised_form() -> None:
    assert normalise_for_hash("  “Quay”\u00a0 —\tOPEN\n\n’s  ") == '"quay" - open \'s'
    assert normalise_for_hash("ﬁsh") == "fish"  # NFKC folds the ligature


# --- tidy_paragraphs ----------------------------------------------------------------


def test_line_ends_are_unified_and_paragraphs_get_one_blank_line() -> None:
    raw = "First line\r\nstill first.\r\n\r\n\r\n\rSecond.\r\rThird."

    assert tidy_paragraphs(raw) == "First line\nstill first.\n\nSecond.\n\nThird."


def test_lines_are_stripped_and_inner_spaces_collapsed() -> None:
    raw = "   The\u00a0quay   reopened.  \n\t on Monday\t\n \n \t \n  Ships   berthed. "

    assert tidy_paragraphs(raw) == "The quay reopened.\non Monday\n\nShips berthed."


def test_blank_input_tidies_to_nothing() -> None:
    assert tidy_paragraphs(" \n\r\n\t\u00a0\n") == ""


def test_tidy_is_idempotent() -> None:
    once = tidy_paragraphs("A  b\r\n\r\n\r\nc\n d ")

    assert tidy_paragraphs(once) == once
