"""The shared indicator library (指标库) as a web app: stored indicators, review of proposals, XLSX in and out."""
