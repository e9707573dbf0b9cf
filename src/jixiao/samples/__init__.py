"""The two published seed reports (样例报告) shipped with jixiao, and their gold key figures.

seed_000: 中国共产党广州市荔湾区委员会宣传部 2022年部门整体支出绩效自评报告
seed_001: 中国共产党广州市增城区委员会宣传部 2022年度部门整体支出绩效自评报告

Both are real published reports converted from PDF, noise included. The demo loads them;
the tests read them and compare what the importer extracts with the gold files, which were
typed by hand from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jixiao.report import PerformanceReport


@dataclass(frozen=True)
class Sample:
    """One seed report: its id, the text file and the hand-typed gold figures."""

    id: str
    text_path: Path
    gold_path: Path

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    def gold(self) -> PerformanceReport:
        return PerformanceReport.from_json(self.gold_path.read_bytes())


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def samples() -> list[Sample]:
    """Both seed reports, in id order."""
    folder = _folder()
    found = []
    for text_path in sorted(folder.glob("seed_*.txt")):
        found.append(Sample(id=text_path.stem, text_path=text_path, gold_path=text_path.with_suffix(".gold.json")))
    return found


def sample(prefix: str) -> Sample:
    """The seed whose id starts with ``prefix`` (``"seed_000"``)."""
    for item in samples():
        if item.id.startswith(prefix):
            return item
    raise KeyError(prefix)
