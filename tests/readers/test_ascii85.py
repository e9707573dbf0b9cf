"""The pre-scan's ASCII85 decoder (ASCII85 解码) against the standard library's, on the shapes PDF producers write."""

from __future__ import annotations

import base64
import random

import pytest

from jixiao.readers.pdf_streams import a85decode


def _samples() -> list[bytes]:
    rng = random.Random(20261202)
    out = [b"", b"\x00" * 4, b"\x00" * 9, b"\xff" * 4, b"\xff" * 7]
    for length in [*range(1, 24), 1000, 4099, 65536]:
        out.append(bytes(rng.choice((0, 0, 255, rng.randrange(256))) for _ in range(length)))
    return out


@pytest.mark.parametrize("wrap", [0, 75], ids=["one-line", "wrapped"])
def test_same_bytes_as_the_standard_library(wrap: int) -> None:
    for data in _samples():
        encoded = base64.a85encode(data, wrapcol=wrap)  # "z" for zero groups, short final group
        assert a85decode(encoded) == data
        assert a85decode(b"<~" + encoded.replace(b"\n", b"\r\n ")) == data


def test_zero_groups_written_as_z() -> None:
    assert a85decode(b"z") == b"\x00" * 4
    assert a85decode(b"9jqo^zBlbD-") == base64.a85decode(b"9jqo^zBlbD-")


@pytest.mark.parametrize("damaged", [b"abc~def", b"uuuuu", b"s8W-\"", b"9jqo^\x80"],
                         ids=["foreign-digit", "overflow", "overflow-by-one", "high-byte"])
def test_damaged_text_is_refused(damaged: bytes) -> None:
    with pytest.raises(ValueError):
        base64.a85decode(damaged)
    with pytest.raises(ValueError):
        a85decode(damaged)


def test_a_final_group_of_one_digit_is_refused() -> None:
    """The PDF reference: a final partial group has 2–4 digits (the standard library guesses one)."""
    with pytest.raises(ValueError):
        a85decode(b"9jqo^B")


def test_largest_group_is_not_an_overflow() -> None:
    assert a85decode(b"s8W-!") == b"\xff\xff\xff\xff"
