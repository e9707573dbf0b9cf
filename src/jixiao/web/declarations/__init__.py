"""绩效目标申报与目标审核: a department declares its goals and indicators, the finance bureau reviews them."""
