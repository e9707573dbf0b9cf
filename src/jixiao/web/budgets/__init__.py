"""Budgets (预算): the year's figures by source and nature, adjustments, monthly execution."""
