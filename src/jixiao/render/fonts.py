"""Font choice with fallbacks (字体选择): the official 公文 fonts first, then what the machine has.

GB/T 9704 names the fonts of an official document: 方正小标宋简体 for the title, 黑体 for
first-level headings, 楷体 for second-level headings, 仿宋 for the body. Most Linux servers
have none of them, and LibreOffice silently substitutes a font with missing glyphs when a
DOCX names a font that is not installed; so every role has a chain, official names first,
and we write the first one the machine has (``fc-list``). A department that sends DOCX files
to Windows users who do have the official fonts can ask for ``official`` names instead.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from typing import Literal

Role = Literal["title", "heading1", "heading2", "body", "table", "page"]

CHAINS: dict[Role, tuple[str, ...]] = {
    # 小标宋 is a heavy 宋体; without it a 宋/明 face keeps the look closest, then any CJK face.
    "title": ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "宋体", "SimSun", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK", "WenQuanYi Zen Hei", "AR PL UMing CN"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "WenQuanYi Zen Hei"),
    # No free 仿宋 exists in Debian; UMing (明体) is the closest serif with full GB2312 coverage.
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "table": ("仿宋_GB2312", "仿宋", "FangSong", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    # GB/T 9704 7.5: page numbers in 4号半角宋体阿拉伯数字
    "page": ("宋体", "SimSun", "AR PL UMing CN", "WenQuanYi Zen Hei"),
}
"""Font chains by role (字体回退链): the first installed name wins."""

CSS_GENERIC: dict[Role, str] = {
    "title": "serif", "heading1": "sans-serif", "heading2": "serif", "body": "serif", "table": "serif", "page": "serif",
}


@functools.cache
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, all localised names included (empty without fc-list)."""
    if shutil.which("fc-list") is None:
        return frozenset()
    try:
        result = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    names: set[str] = set()
    for line in result.stdout.splitlines():
        names.update(part.strip() for part in line.split(",") if part.strip())
    return frozenset(names)


@dataclass(frozen=True)
class FontPlan:
    """The font written for each role of the document (字体方案)."""

    title: str
    heading1: str
    heading2: str
    body: str
    table: str
    page: str

    def for_role(self, role: Role) -> str:
        return str(getattr(self, role))

    def css_stack(self, role: Role) -> str:
        """A CSS font-family list: the chosen font, then the whole chain, then a generic family.

        The chosen font comes first because fontconfig aliases official names to whatever is
        installed (wqy-zenhei claims 宋体 and 仿宋), so a Linux browser given 仿宋 first would show
        黑体 glyphs; a Windows browser without the chosen font falls through to 仿宋_GB2312.
        """
        names = list(dict.fromkeys((self.for_role(role), *CHAINS[role])))
        return ", ".join(f'"{name}"' for name in names) + f", {CSS_GENERIC[role]}"


def choose(role: Role, available: frozenset[str] | None = None) -> str:
    """The first font of ``role``'s chain that is installed, else the official name (the chain's head)."""
    families = installed_families() if available is None else available
    for name in CHAINS[role]:
        if name in families:
            return name
    return CHAINS[role][0]


def font_plan(mode: Literal["installed", "official"] = "installed", available: frozenset[str] | None = None) -> FontPlan:
    """Fonts for every role: ``installed`` picks from the machine, ``official`` writes the GB/T 9704 names."""
    if mode == "official":
        return FontPlan(**{role: chain[0] for role, chain in CHAINS.items()})
    return FontPlan(**{role: choose(role, available) for role in CHAINS})
