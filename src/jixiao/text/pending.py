"""What the officer still has to write (待填写): the one mark the writers put in and the readers know.

The report writer puts ``【待填写：…】`` where a section has no text, and the 自评表 ``待填写：…`` in a cell
(a 偏差原因 owed, an actual value not entered). A file that comes back with the mark still in it has
not been filled: the reader must not take the mark for the department's words (a reason stated), and
the review names it as a leftover.
"""

from __future__ import annotations

import re

PENDING = "待填写"
PENDING_MARK = "【待填写"
"""A paragraph of the report the officer still has to write starts with this mark."""

_PENDING = re.compile(r"【\s*待填写[^】\n]{0,80}】?|(?<![不无需])待填写\s*[：:][^\n。；]{0,60}")


def pending(reason: str) -> str:
    """A cell or paragraph the officer has to fill: ``待填写：<reason>``."""
    return f"{PENDING}：{reason}"


def is_pending(text: str | None) -> bool:
    """Whether a cell's whole text is the writer's mark, not something the department wrote."""
    if not text:
        return False
    stripped = text.strip()
    match = _PENDING.match(stripped)
    return match is not None and (match.end() == len(stripped) or stripped.startswith(PENDING))


def find_pending(text: str) -> list[re.Match[str]]:
    """Every 待填写 mark left in a text."""
    if PENDING not in text:
        return []
    return list(_PENDING.finditer(text))
