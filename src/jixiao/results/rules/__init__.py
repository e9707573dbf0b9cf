"""Shipped budget-treatment rules (结果应用规则), TOML data files; a package only so that wheels carry them."""
