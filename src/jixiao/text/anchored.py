"""Pattern searches anchored on a word every match holds (锚定搜索).

A pattern that starts with a repeated character class (``[\\u4e00-\\u9fff]{0,16}满意度``) gets no
help from the regex engine's literal search: it is tried at every position of the text, each try
running through up to 16 characters before it fails. When every match holds a fixed word
within a known distance of its start, only the starts that can reach an occurrence of the word
need trying; :func:`finditer_near` gives the very matches ``pattern.finditer(text)`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_near(pattern: re.Pattern[str], text: str, word: str, reach: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern every match of which holds ``word`` starting at
    most ``reach`` characters after the match's start (and never an empty match).

    A start before ``q - reach``, where ``q`` is the next occurrence of ``word``, cannot reach
    an occurrence and is skipped; the others are tried in order with ``pattern.match``, which
    at one start finds what ``search`` finds there, and the search goes on at the match's end.
    """
    next_start = 0  # no match starts before this
    while (at := text.find(word, next_start)) >= 0:
        for start in range(max(next_start, at - reach), at + 1):
            match = pattern.match(text, start)
            if match is not None:
                yield match
                next_start = match.end()
                break
        else:
            next_start = at + 1
