"""项目绩效: a project\x27s budget, goals and indicators of a year, their monitoring and the year-end self-evaluation."""
