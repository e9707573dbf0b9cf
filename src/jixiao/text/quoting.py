"""Quoting a name inside a Chinese sentence (引用名称): “…”, with the name's own quotes made single.

A name such as ``“学习强国”全国平台刊发量`` already holds double quotes; wrapping it again gave
``““学习强国”全国平台刊发量”``. :func:`quoted` follows GB/T 15834 (标点符号用法): quotes inside
quotes are single (‘学习强国’), so the sentence reads ``“‘学习强国’全国平台刊发量”``. Runs of
spaces (half- or full-width) collapse to one and the ends are trimmed.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_INNER = str.maketrans({"“": "‘", "”": "’", '"': "’"})


def tidy(text: str) -> str:
    """``text`` with runs of spaces (half- or full-width, no-break) collapsed to one and its ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def quoted(name: object) -> str:
    """``name`` in Chinese double quotes, its own double quotes made single (“‘学习强国’全国平台刊发量”)."""
    text = tidy(str(name))
    text = re.sub(r'"([^"]*)"', r"‘\1’", text)  # straight pairs first, so they open and close
    return f"“{text.translate(_INNER)}”"


_DOUBLED = re.compile(r"([“”‘’])\1+")


def tidy_line(text: str) -> str:
    """One line of narrative as a user would type it cleanly: spaces tidied, straight quote pairs made
    Chinese (“…”), a quote mark typed twice (““学习强国”) once."""
    text = tidy(text)
    text = re.sub(r'"([^"]*)"', r"“\1”", text)
    return _DOUBLED.sub(r"\1", text)


def tidy_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, each tidied (:func:`tidy_line`)."""
    return [line for line in (tidy_line(raw) for raw in text.splitlines()) if line]
