"""The summary (看板汇总) joins the evaluation app: the model enters this app's state over the table
``dashboard.0002`` renamed; the content type follows, so nothing else changes."""

import django.db.models.deletion
from django.db import migrations, models


def _move_content_type(apps, schema_editor, old='dashboard', new='evaluation'):
    content_types = apps.get_model('contenttypes', 'ContentType')
    if not content_types.objects.filter(app_label=new, model='departmentyearsummary').exists():
        content_types.objects.filter(app_label=old, model='departmentyearsummary').update(app_label=new)


def _move_content_type_back(apps, schema_editor):
    _move_content_type(apps, schema_editor, old='evaluation', new='dashboard')


class Migration(migrations.Migration):

    dependencies = [
        ('budgets', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('dashboard', '0002_summary_moves_to_evaluation'),
        ('departments', '0001_initial'),
        ('evaluation', '0002_evaluation_status'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='DepartmentYearSummary',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.CharField(blank=True, max_length=40, verbose_name='自评分')),
                        ('grade', models.CharField(blank=True, max_length=2, verbose_name='评价等级')),
                        ('grade_computed', models.BooleanField(default=False, verbose_name='等级由系统计算')),
                        ('monthly', models.JSONField(default=list, help_text='[[月份, 当月支出（万元，文本）], …]', verbose_name='月度执行数')),
                        ('stale', models.BooleanField(default=True)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('computed_at', models.DateTimeField(auto_now=True)),
                        ('budget', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='summary', to='budgets.budget')),
                        ('department', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='departments.department')),
                        ('fiscal_year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='departments.fiscalyear')),
                    ],
                    options={
                        'verbose_name': '看板汇总',
                        'verbose_name_plural': '看板汇总',
                        'indexes': [models.Index(fields=['department', 'fiscal_year'], name='summary_department_year'), models.Index(condition=models.Q(('stale', True)), fields=['stale'], name='summary_stale')],
                    },
                ),
            ],
        ),
        migrations.RunPython(_move_content_type, _move_content_type_back),
    ]
