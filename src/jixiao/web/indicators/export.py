"""A stored indicator as the core's :class:`jixiao.indicators.library.LibraryIndicator` (for the XLSX and the API)."""

from __future__ import annotations

from jixiao.indicators.library import LibraryIndicator as CoreIndicator
from jixiao.web.indicators.models import EDITABLE_FIELDS, LibraryIndicator


def as_core(row: LibraryIndicator) -> CoreIndicator:
    """The row's fields, status and version (0 for one that never entered the library)."""
    values = {name: getattr(row, name) for name in EDITABLE_FIELDS}
    values["operator"] = row.operator or None
    return CoreIndicator.model_validate({**values, "status": row.status, "version": row.version})
