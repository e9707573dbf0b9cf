"""Regions, departments (部门, with 下属单位) and fiscal years (年度)."""
