"""Identity on the real-report corpus: department, region, year and kind of every report as read by hand.

The corpus (``../shared/corpus``, or ``$JIXIAO_CORPUS``) is read through ``tests/fixtures/corpus.py``,
the same scoring as ``benchmarks/bench_accuracy.py``. Skipped when the folder is absent.
"""

from __future__ import annotations

import pytest

from fixtures.corpus import IDENTITY, GoldCase, default_folder, identity_right, load_cases
from jixiao.importer import import_file

FOLDER = default_folder()
CASES = load_cases(FOLDER) if FOLDER is not None else []
pytestmark = pytest.mark.skipif(FOLDER is None, reason="语料目录不存在（../shared/corpus 或 JIXIAO_CORPUS）")


@pytest.fixture(scope="module")
def imported() -> dict[str, object]:
    return {case.id: import_file(case.text_path) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_no_report_is_refused(case: GoldCase, imported: dict[str, object]) -> None:
    result = imported[case.id]
    assert result.report is not None, result.error  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", IDENTITY)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_identity_field_is_right(case: GoldCase, name: str, imported: dict[str, object]) -> None:
    report = imported[case.id].report  # type: ignore[attr-defined]
    assert report is not None
    got = report.form if name == "kind" and case.gold.get("kind") == "table" else getattr(report, name)
    assert identity_right(name, case.gold, report), (name, got, case.gold.get(name))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_identity_evidence_quotes_the_original(case: GoldCase, imported: dict[str, object]) -> None:
    report = imported[case.id].report  # type: ignore[attr-defined]
    original = case.text_path.read_text(encoding="utf-8")
    for path in ("title", "department", "region", "year"):
        for evidence in report.evidence.get(path, []):
            assert evidence.text == original[evidence.start : evidence.end]
            assert evidence.text.strip()
    if report.department is not None and "department" in report.evidence:
        # the department is quoted where it is written (spaces and line breaks aside)
        quoted = "".join(report.evidence["department"][0].text.split())
        assert quoted.replace("（", "(").replace("）", ")").endswith(report.department[-3:])

