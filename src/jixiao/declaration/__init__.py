"""Goal declaration (绩效目标申报) and goal review (目标审核): the rules, as plain Python.

``check_declaration`` finds the problems of a declared set of goals and three-level
indicators (blocking ones prevent submission); ``load_review_scheme`` reads the review
dimensions and grades of 财预〔2015〕88号 with what each grade means for the budget.
"""

from jixiao.declaration.check import Problem, blocking, check_declaration
from jixiao.declaration.scheme import (
    DeclarationRules,
    Dimension,
    ReviewGrade,
    ReviewScheme,
    SchemeError,
    load_declaration_rules,
    load_review_scheme,
)

__all__ = ["DeclarationRules", "Dimension", "Problem", "ReviewGrade", "ReviewScheme", "SchemeError", "blocking",
           "check_declaration", "load_declaration_rules", "load_review_scheme"]
