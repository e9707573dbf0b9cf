"""Building blocks every app of the web layer shares: soft delete, timestamps, money fields."""
