"""Text handling (文本处理) for reports: normalisation with an offset map, numbers, the outline.

No Django here: plain functions over strings, used by ``jixiao.extract`` and the review.
"""

from __future__ import annotations

from jixiao.text.document import Document, parse_document
from jixiao.text.normalise import NormalisedText, normalise
from jixiao.text.numbers import Quantity, QuantityMatch, find_quantities, parse_amount, parse_quantity
from jixiao.text.outline import EnumItem, NumberingIssue, Outline, Section, parse_outline, split_enumeration

__all__ = [
    "Document",
    "EnumItem",
    "NormalisedText",
    "NumberingIssue",
    "Outline",
    "Quantity",
    "QuantityMatch",
    "Section",
    "find_quantities",
    "normalise",
    "parse_amount",
    "parse_document",
    "parse_outline",
    "parse_quantity",
    "split_enumeration",
]
