"""事前绩效评估 (web): a department assesses its new project in five dimensions, the finance bureau (or the expert it names) scores and concludes."""
