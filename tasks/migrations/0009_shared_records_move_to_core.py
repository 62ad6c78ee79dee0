"""Jobs, notifications and the calendar's overrides now belong to ``core``.

Their tables stay as they are (core's models name them in ``db_table``): this migration
adds the job lease, then removes the models from tasks' state only; core 0001 adds them
to core's state. An existing database keeps its rows; a fresh one gets the tables from
tasks 0004–0005 as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0008_summaries_and_indexes"),
    ]
    run_before = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="lease_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="job",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CalendarDay"),
                migrations.DeleteModel(name="Job"),
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="NotificationPreference"),
            ],
            database_operations=[],
        ),
    ]
