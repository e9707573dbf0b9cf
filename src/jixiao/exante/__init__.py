"""事前绩效评估 (ex-ante performance assessment of new projects and policies), as plain Python.

``requires_exante`` says whether a project needs one (amount at or above the scheme's threshold,
or flagged 重大); ``load_scheme`` reads the five dimensions with their sub-points and points, the
grades and the conclusion bands (予以支持 / 部分支持 / 不予支持) from TOML with its source.
"""

from jixiao.exante.scheme import (
    Conclusion,
    Dimension,
    Group,
    Item,
    Scheme,
    SchemeError,
    Threshold,
    load_scheme,
    requires_exante,
)

__all__ = ["Conclusion", "Dimension", "Group", "Item", "Scheme", "SchemeError", "Threshold", "load_scheme",
           "requires_exante"]
