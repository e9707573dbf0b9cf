"""The summary (看板汇总) moves to the evaluation app: its table is renamed, the model leaves this app's state.

``evaluation.0003`` takes the model over without touching the table again.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dashboard', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='DepartmentYearSummary', table='evaluation_departmentyearsummary'),
            ],
            state_operations=[
                migrations.DeleteModel(name='DepartmentYearSummary'),
            ],
        ),
    ]
