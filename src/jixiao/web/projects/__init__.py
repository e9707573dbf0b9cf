"""项目库 (project library): a department's 项目支出 projects through their lifecycle."""
