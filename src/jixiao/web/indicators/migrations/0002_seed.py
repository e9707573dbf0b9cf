"""Load the shipped seed (财预〔2013〕53号 and 10号 共性 items, the seed reports' 个性 examples) as 入库, version 1.

Codes already present are skipped, so the migration can run over a library filled by hand. Later
changes of the seed reach an existing library through ``services.load_seed`` (the demo calls it).
"""

from django.db import migrations

FIELDS = ("code", "name", "level1", "level2", "scope", "industry", "field", "operator", "unit", "explanation",
          "formula", "scoring_standard", "data_source", "evidence", "source")


def load(apps, schema_editor):
    from jixiao.indicators.library import load_seed

    model = apps.get_model("indicators", "LibraryIndicator")
    known = set(model.objects.filter(deleted_at__isnull=True).values_list("code", flat=True))
    model.objects.bulk_create(
        model(status=item.status, version=item.version, **{name: getattr(item, name) or "" for name in FIELDS})
        for item in load_seed() if item.code not in known)


def unload(apps, schema_editor):
    from jixiao.indicators.library import load_seed

    model = apps.get_model("indicators", "LibraryIndicator")
    model.objects.filter(code__in=[item.code for item in load_seed()], version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
