"""Use of results (绩效结果应用): grade → next year's budget treatment, as data with its source.

``suggest_treatment(history, rules=load_treatment_rules())`` turns a department's grade history into the
suggested treatment of next year's budget and says which file and which rule it follows.
"""

from __future__ import annotations

from jixiao.results.treatment import (
    DEFAULT_RULES,
    GradeRecord,
    Suggestion,
    TreatmentRules,
    TreatmentRulesError,
    load_treatment_rules,
    rules_for,
    shipped_rules,
    suggest_treatment,
)

__all__ = [
    "DEFAULT_RULES",
    "GradeRecord",
    "Suggestion",
    "TreatmentRules",
    "TreatmentRulesError",
    "load_treatment_rules",
    "rules_for",
    "shipped_rules",
    "suggest_treatment",
]
