"""Saving in batches (批量入库): a chunk stored through the bulk path writes what the per-file path writes.

Real files: corpus reports (published reports, as text) and synthetic departments rendered by our
renderer (Markdown), read by the importer. The per-file path is ``evaluation.flows.store_import``
(one transaction a file); the batch path is ``store_imports`` (one transaction a chunk), which a
batch's task, the in-process batch and ``jixiao import --save`` use.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from jixiao import synthetic
from jixiao.importer import ImportResult, import_bounded
from jixiao.render import render_batch
from jixiao.web.batches import services
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department, FiscalYear, Region
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation import flows, summary
from jixiao.web.evaluation.models import (
    DepartmentYearSummary,
    Evaluation,
    Indicator,
    KeyTask,
    PerformanceGoal,
)

CORPUS = Path("/work/shared/corpus")
MODELS = (Region, Department, FiscalYear, Budget, MonthlyExecution, PerformanceGoal, KeyTask, Indicator, Evaluation,
          SourceDocument)
SKIP = {"id", "created_at", "updated_at", "deleted_at", "budget", "department", "fiscal_year", "region", "parent",
        "source_document", "goal", "file"}


def _render(folder: Path, reports: list[Any]) -> list[Path]:
    written = render_batch([(r, folder / f"s{n}.txt") for n, r in enumerate(reports)], "md")
    assert not written.failed, written.failed
    return list(written.written)


@pytest.fixture
def imported(tmp_path) -> list[ImportResult]:
    """Corpus reports, synthetic departments (one with two years, one with a third year), a corpus file's copy."""
    corpus = sorted(CORPUS.glob("*.txt"))[:6]
    rendered = _render(tmp_path, [synthetic.report(0, 2022), synthetic.report(1, 2022), synthetic.report(1, 2023),
                                  synthetic.report(0, 2021)])
    copy = tmp_path / "copy.txt"
    copy.write_bytes(corpus[0].read_bytes())
    results = [import_bounded(p) for p in [*corpus, *rendered, copy]]
    assert all(r.report is not None for r in results)
    return results


def _where(row: Any) -> tuple:
    budget = getattr(row, "budget", None)
    department = budget.department if budget else getattr(row, "department", None)
    year = budget.fiscal_year.year if budget else getattr(getattr(row, "fiscal_year", None), "year", None)
    document = getattr(row, "source_document", None)
    return (getattr(department, "name", None), year, getattr(getattr(row, "region", None), "name", None),
            getattr(document, "sha256", None), str(getattr(row, "file", "") or ""))


def _rows() -> dict[str, list[str]]:
    """Every stored row, field by field, its links by what they point at (ids and times differ between runs)."""
    summary.refresh(departments=Department.objects.all())  # the per-file path leaves the summaries to the reader
    rows = {m.__name__: sorted(repr((_where(r), {k: v for k, v in model_to_dict(r).items() if k not in SKIP}))
                               for r in m._base_manager.all()) for m in MODELS}
    rows["summary"] = sorted(repr((_where(s), s.score, s.grade, s.grade_computed, s.monthly, s.stale))
                             for s in DepartmentYearSummary.objects.all())
    return rows


def _history() -> dict[str, list[tuple[str, str]]]:
    return {m.__name__: sorted((h.history_type, h.history_change_reason or "") for h in m.history.all())
            for m in MODELS}


@pytest.mark.django_db
def test_the_bulk_path_stores_what_the_per_file_path_stores(imported) -> None:
    # stored before: a corpus report (its copy comes again) and a department whose 2022 report is then a new year
    # of a stored department (new rows only: bulk rows too)
    first, chunk = [imported[0], imported[9]], [*imported[1:9], imported[10]]
    for result in first:
        flows.store_import(result)
    begin = transaction.savepoint_create()
    with CaptureQueriesContext(connection) as one_by_one:
        single = [flows.store_import(r) for r in chunk]
    per_file, per_file_history = _rows(), _history()
    new = Evaluation.objects.count() - 2
    transaction.savepoint_rollback(begin)

    with CaptureQueriesContext(connection) as chunked:
        bulk = flows.store_imports(chunk)
    assert [created for _, created in bulk] == [created for _, created in single] == [True] * 8 + [False]
    assert bulk[-1][0] == SourceDocument.objects.get(sha256=imported[0].document.sha256)  # the copy: the stored file
    assert _rows() == per_file
    history = _history()
    # one history record per row written, as the per-file path writes them, but for each new evaluation (a new
    # department's, and the stored department's new year): the per-file path writes it, then links its file (a "~"
    # more); the bulk path writes it linked
    evaluations, per_file_evaluations = Counter(history.pop("Evaluation")), Counter(per_file_history.pop("Evaluation"))
    assert per_file_evaluations - evaluations == Counter({("~", "系统"): new}) and new >= 6
    assert not evaluations - per_file_evaluations
    assert history == per_file_history
    assert len(chunked) * 3 < len(one_by_one)  # the point of it: a few queries per table, not per row


@pytest.mark.django_db
def test_an_update_in_a_chunk_goes_through_save_report_and_keeps_history(tmp_path) -> None:
    first, changed, other = _render(tmp_path, [
        synthetic.report(3, 2022), synthetic.report(3, 2022, seed=5).model_copy(
            update={"department": synthetic.department(3).name, "region": synthetic.department(3).region}),
        synthetic.report(4, 2022)])
    flows.store_import(import_bounded(first))
    department = Department.objects.get(name=synthetic.department(3).name)
    before = Budget.objects.get(department=department)
    stored = flows.store_imports([import_bounded(changed), import_bounded(other)])
    assert [created for _, created in stored] == [True, True]
    budget = Budget.objects.get(department=department)  # the same row, updated in place
    assert budget.pk == before.pk and budget.total != before.total
    assert [h.history_type for h in Budget.history.filter(id=budget.pk).order_by("history_id")] == ["+", "~"]
    evaluation = Evaluation.objects.get(department=department)
    assert evaluation.source_document == stored[0][0]  # linked to the file it now comes from
    assert SourceDocument.objects.filter(department=department).count() == 2  # the first file is kept
    # the summary follows the update (its version was raised by the update and recomputed)
    row = DepartmentYearSummary.objects.get(budget=budget)
    assert not row.stale and row.monthly == [[m.month, str(m.spent)] for m in
                                             MonthlyExecution.objects.filter(budget=budget).order_by("month")]


@pytest.mark.django_db
def test_a_chunk_that_fails_midway_leaves_no_row_and_no_file(imported, monkeypatch, settings) -> None:
    real = flows._create

    def failing(model: type, rows: list) -> list:
        if model is Evaluation:  # after the departments, budgets, indicators and the files' rows
            raise RuntimeError("磁盘已满")
        return real(model, rows)

    monkeypatch.setattr(flows, "_create", failing)
    with pytest.raises(RuntimeError):
        flows.store_imports(imported)
    for model in MODELS:
        assert not model._base_manager.exists(), model.__name__
        assert not model.history.exists(), model.__name__
    assert not DepartmentYearSummary.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not [p for p in media.rglob("*") if p.is_file()]  # the staged files are removed at once


def _batch(paths: list[Path], *, department: Department | None = None) -> list[int]:
    batch = services.submit_batch(paths=paths, mode=Batch.Mode.SAVE, department=department, run=False)
    return list(BatchFile.objects.filter(batch=batch).order_by("position").values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_batch_chunk_is_one_transaction_and_falls_back_file_by_file(settings, tmp_path, monkeypatch) -> None:
    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    files = sorted(CORPUS.glob("*.txt"))[:services.CHUNK]
    ids = _batch(files)
    with CaptureQueriesContext(connection) as chunk:
        assert services.process_files(ids) == ["done"] * services.CHUNK
    assert len(chunk) < 10 * len(ids)  # the per-file path took about 59 a file
    named = Evaluation.objects.count()
    assert named >= services.CHUNK - 1 and Evaluation.objects.filter(source_document__isnull=False).count() == named
    assert [h.history_type for h in BatchFile.history.filter(id=ids[0]).order_by("history_id")] == ["+", "~"]
    assert not [p for p in services.inbox().rglob("*") if p.is_file()]

    # a chunk whose bulk store fails: rolled back whole, then file by file; the file that cannot be stored fails
    # alone, with nothing of it written, and the chunk's error is raised once the others are done
    more = sorted(CORPUS.glob("*.txt"))[services.CHUNK:services.CHUNK + 4]
    ids = _batch(more)
    poison = import_bounded(more[1]).document.sha256
    real_one = services.store_import

    def broken_bulk(results: list, **kwargs: Any) -> list:
        raise RuntimeError("批量写入失败")

    def one(result: ImportResult, **kwargs: Any) -> tuple:
        if result.document.sha256 == poison:
            flows.save_report(result.report)  # written, then the failure: rolled back with its file's transaction
            raise RuntimeError("该文件无法入库")
        return real_one(result, **kwargs)

    monkeypatch.setattr(services, "store_imports", broken_bulk)
    monkeypatch.setattr(services, "store_import", one)
    with pytest.raises(RuntimeError, match="该文件无法入库"):
        services.process_files(ids)
    rows = list(BatchFile.objects.filter(pk__in=ids).order_by("position"))
    assert [r.state for r in rows] == ["done", "pending", "done", "done"]
    assert not Department.objects.filter(name=import_bounded(more[1]).report.department).exists()
    assert not SourceDocument.objects.filter(sha256=poison).exists()
    assert SourceDocument.objects.count() == services.CHUNK + 3
    incoming = Path(settings.MEDIA_ROOT) / ".incoming"
    assert not incoming.exists() or not [p for p in incoming.rglob("*") if p.is_file()]


@pytest.mark.django_db(transaction=True)
def test_the_department_link_rule_holds_in_a_chunk(settings, tmp_path) -> None:
    """A department's batch never links a file another department stored meanwhile; its own, it links."""
    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    path = sorted(CORPUS.glob("*.txt"))[0]
    other = Department.objects.create(name="另一个部门")
    refused = _batch([path], department=other)
    result = import_bounded(path)
    stored, _ = flows.store_import(result)  # stored for the department it names, after submission
    owner = Department.objects.get(name=result.report.department)
    allowed = _batch([path], department=owner)  # (its own: done at submission, linked)
    assert services.process_files(refused) == ["failed"]
    row = BatchFile.objects.get(pk=refused[0])
    assert "只能上传本部门的报告" in row.reason and row.document is None  # the department it names, not this one
    mine = BatchFile.objects.get(pk=allowed[0])
    assert mine.state == "done" and mine.document == stored

    # the same in the chunk: a pending file of the owner's batch whose content got stored meanwhile is linked
    second = sorted(CORPUS.glob("*.txt"))[1]
    pending = _batch([second], department=Department.objects.create(name="第三个部门"))
    own = _batch([second], department=None)
    flows.store_import(import_bounded(second))
    assert services.process_files(pending + own) == ["failed", "done"]
    assert BatchFile.objects.get(pk=own[0]).outcome == services.ALREADY_STORED
    assert SourceDocument.objects.filter(sha256=import_bounded(second).document.sha256).count() == 1


@pytest.mark.django_db(transaction=True)
def test_in_process_batch_and_import_save_with_jobs_store_through_chunks(settings, tmp_path) -> None:
    """No broker: ``jixiao batch submit --save`` reads on two cores and stores a chunk a transaction; ``jixiao import
    --save --jobs 2`` the same way. What they store is what ``store_import`` stores, each file once."""
    from typer.testing import CliRunner

    from jixiao.cli import app

    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    settings.JIXIAO_BROKER_URL = ""
    files = sorted(CORPUS.glob("*.txt"))[:services.CHUNK + 3]  # a full chunk and a partial one
    batch = services.submit_batch(paths=files, mode=Batch.Mode.SAVE)
    rows = list(BatchFile.objects.filter(batch=batch).order_by("position"))
    assert [r.state for r in rows] == ["done"] * len(files)
    assert all(r.document is not None and r.outcome.startswith("导入成功") for r in rows)
    assert len({r.document_id for r in rows}) == len(files)
    chunks = {r.finished_at for r in rows}  # a chunk's rows are settled at one moment, in one transaction
    assert len(chunks) == 2
    named = Evaluation.objects.count()
    assert Evaluation.objects.filter(source_document__isnull=False).count() == named >= len(files) - 1

    more = sorted(CORPUS.glob("*.txt"))[services.CHUNK + 3:services.CHUNK + 13]
    result = CliRunner().invoke(app, ["import", "--save", "--jobs", "2", *map(str, more), *map(str, files[:2])])
    assert result.exit_code == 0, result.output
    assert f"成功 {len(more) + 2}" in result.output
    assert SourceDocument.objects.count() == len(files) + len(more)  # the two again: not stored twice
    for path in more:
        document = SourceDocument.objects.get(sha256=import_bounded(path).document.sha256)
        report = import_bounded(path).report
        if report.department and report.year:
            evaluation = Evaluation.objects.get(department__name=report.department, fiscal_year__year=report.year)
            assert evaluation.source_document == document and document.department == evaluation.department
