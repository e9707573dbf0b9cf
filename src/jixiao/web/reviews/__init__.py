"""Review findings (复核发现) and the finance bureau's review of a report."""
