"""Performance goals, three-level indicators, key tasks and the self-evaluation (绩效目标与自评)."""
