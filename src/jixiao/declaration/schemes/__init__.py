"""Shipped declaration rules and goal-review schemes (绩效目标申报规则与审核方案), TOML data files."""
