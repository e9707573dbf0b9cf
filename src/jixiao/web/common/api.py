"""What every app's API module shares (接口公用): the bounds of a fiscal-year query parameter."""

YEAR_RANGE = {"ge": 1950, "le": 2100, "description": "年度"}
"""Bounds of a fiscal-year query parameter: a year outside them is a 422, not a date error."""
