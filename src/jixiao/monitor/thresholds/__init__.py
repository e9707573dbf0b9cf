"""Shipped monitoring thresholds (预警阈值), TOML data files; a package only so that wheels carry them."""
