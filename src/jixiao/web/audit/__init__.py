"""The audit log (审计日志): every change django-simple-history recorded, scoped like everything else."""
