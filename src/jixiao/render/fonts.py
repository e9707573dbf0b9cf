"""Fonts (字体): the official 公文 faces by name in every document, free faces of the same styles for the PDF.

GB/T 9704 names the fonts of an official document: 方正小标宋简体 for the title, 黑体 for
first-level headings, 楷体_GB2312 for second-level headings, 仿宋_GB2312 for the body, and
Latin letters and digits in Times New Roman. Government PCs have them, so the DOCX (and the
XLSX) name them by default, whatever this machine has: Word and WPS then show the document as
filed (:func:`font_plan` ``"official"``).

A Linux server has none of them. For the PDF it converts, LibreOffice is run with the project's
fontconfig file (:data:`FONTCONFIG`, see :func:`fontconfig_file`), which maps each official
name to a free face of the same style installed from Debian — 小标宋 → Noto Serif CJK SC Bold,
黑体 → Noto Sans CJK SC, 楷体 → AR PL KaitiM GB, 仿宋/宋体 → AR PL SungtiL GB (there is no free
简体 仿宋 in Debian: cwTeX 仿宋 lacks a third of the seeds' simplified characters), Times New
Roman → Liberation Serif (metric-compatible) — so the PDF looks like the Word file. A server that
has the official fonts installed uses them: the file's rule for a family that ``fc-list``
reports is dropped.

``font_plan("installed")`` instead writes the first face of each chain this machine has, for a
document meant to be opened only here.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Role = Literal["title", "heading1", "heading2", "body", "table", "page"]

LATIN = "Times New Roman"
"""Latin letters and digits in every role (GB/T 9704 practice: 阿拉伯数字 and 外文 in Times New Roman)."""

CHAINS: dict[Role, tuple[str, ...]] = {
    # 小标宋 is a heavy 宋体: the free stand-in is Noto Serif CJK SC Bold
    "title": ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "Noto Serif CJK SC", "宋体", "SimSun", "AR PL UMing CN"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK", "Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "AR PL KaitiM GB", "AR PL UKai CN", "LXGW WenKai"),
    # no free 简体 仿宋 exists in Debian: a light 宋 (SungtiL GB) is the closest stand-in
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "AR PL SungtiL GB", "Noto Serif CJK SC", "AR PL UMing CN"),
    "table": ("仿宋_GB2312", "仿宋", "FangSong", "AR PL SungtiL GB", "Noto Serif CJK SC", "AR PL UMing CN"),
    # GB/T 9704 7.5: page numbers in 4号半角宋体阿拉伯数字
    "page": ("宋体", "SimSun", "AR PL SungtiL GB", "Noto Serif CJK SC", "AR PL UMing CN"),
}
"""Font chains by role (字体回退链): the official name first, then Windows' own names, then free faces."""

CSS_GENERIC: dict[Role, str] = {
    "title": "serif", "heading1": "sans-serif", "heading2": "serif", "body": "serif", "table": "serif", "page": "serif",
}

FONTCONFIG = Path(__file__).with_name("fontconfig") / "jixiao-fonts.conf"
"""The project's fontconfig file: official names → the free faces above (used for LibreOffice's PDF)."""

FONTCONFIG_ENV = "JIXIAO_FONTCONFIG"
"""Environment variable naming another fontconfig file for the PDF conversion (empty: the system's own)."""


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
    """The font written for each role of the document (字体方案); ``latin`` for letters and digits."""

    title: str
    heading1: str
    heading2: str
    body: str
    table: str
    page: str
    latin: str = LATIN

    def for_role(self, role: Role) -> str:
        return str(getattr(self, role))

    def css_stack(self, role: Role) -> str:
        """A CSS font-family list: the Latin face, the chosen font, the rest of the chain, a generic family.

        The Latin face comes first so that digits and letters are Times New Roman (a browser takes
        each character from the first face that has it); Chinese falls through to the chosen face.
        """
        names = list(dict.fromkeys((self.latin, self.for_role(role), *CHAINS[role])))
        return ", ".join(f'"{name}"' for name in names) + f", {CSS_GENERIC[role]}"


def choose(role: Role, available: frozenset[str] | None = None) -> str:
    """The first font of ``role``'s chain that is installed, else the official name (the chain's head)."""
    families = installed_families() if available is None else available
    for name in CHAINS[role]:
        if name in families:
            return name
    return CHAINS[role][0]


def font_plan(mode: Literal["official", "installed"] = "official", available: frozenset[str] | None = None) -> FontPlan:
    """Fonts for every role: ``official`` writes the GB/T 9704 names (the default), ``installed`` the machine's."""
    if mode == "official":
        return FontPlan(**{role: chain[0] for role, chain in CHAINS.items()})
    return FontPlan(**{role: choose(role, available) for role in CHAINS})


def alternative(name: str, role: Role) -> str | None:
    """The name Word should look for when ``name`` is missing (``w:altName``): the next Windows name of the chain."""
    chain = CHAINS[role]
    if name not in chain:
        return None
    index = chain.index(name)
    return chain[index + 1] if index + 1 < len(chain) else None


def aliased_families(path: Path = FONTCONFIG) -> list[str]:
    """The official families the fontconfig file maps to free faces, in file order."""
    root = ET.parse(path).getroot()
    return [_rule_family(rule) for rule in root.findall("match") if _rule_family(rule)]


def _rule_family(rule: ET.Element) -> str:
    test = rule.find("test")
    value = None if test is None else test.find("string")
    return "" if value is None or value.text is None else value.text


@functools.cache
def fontconfig_file() -> str | None:
    """The fontconfig file LibreOffice runs with for a PDF, or ``None`` for the system's own.

    ``$JIXIAO_FONTCONFIG`` names another file (empty: the system's). Otherwise the project's
    file, without the rules of official families this machine has installed (a real 仿宋_GB2312
    wins over its stand-in); when every official family is installed, the system's own.
    """
    configured = os.environ.get(FONTCONFIG_ENV)
    if configured is not None:
        return configured or None
    installed = installed_families()
    families = aliased_families()
    present = {family for family in families if family in installed}
    if not present:
        return str(FONTCONFIG)
    if present == set(families):
        return None
    tree = ET.parse(FONTCONFIG)
    root = tree.getroot()
    for rule in list(root.findall("match")):
        if _rule_family(rule) in present:
            root.remove(rule)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-fontconfig-"))
    target = folder / FONTCONFIG.name
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return str(target)
