"""A creation record in the history of every library indicator that has none (the seed of 0002).

0002 loads the seed with ``bulk_create``, which writes no history: the first edit of a seeded
indicator was then its oldest record and read as「新建指标」by whoever edited it, without the fields
that edit changed. Each such indicator gets a「+」record by 系统 (no user) at its creation time.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    model = apps.get_model("indicators", "LibraryIndicator")
    historical = apps.get_model("indicators", "HistoricalLibraryIndicator")
    recorded = set(historical.objects.values_list("id", flat=True).distinct())
    fields = [field.attname for field in model._meta.concrete_fields]
    historical.objects.bulk_create(
        historical(**{name: getattr(row, name) for name in fields}, history_date=row.created_at,
                   history_type="+", history_user=None, history_change_reason=None)
        for row in model.objects.all() if row.id not in recorded)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_seed")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
