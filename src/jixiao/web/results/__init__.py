"""Use of results (绩效结果应用): grade history, next year's budget treatment, rectification (整改)."""
