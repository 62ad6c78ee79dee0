"""Each line of a notification becomes a row: appending to a long digest is an INSERT.

The lines move in their order (position 1, 2, …) with their text and link; each notification keeps
its count. Going back puts them into the JSON array again.
"""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 5000


def lines_to_rows(apps, schema_editor):
    Notification = apps.get_model("core", "Notification")
    NotificationLine = apps.get_model("core", "NotificationLine")
    for pk in Notification.objects.order_by("pk").values_list("pk", flat=True).iterator():
        lines = Notification.objects.filter(pk=pk).values_list("lines", flat=True)[0] or []
        NotificationLine.objects.bulk_create(
            (
                NotificationLine(notification_id=pk, position=i, text=line["text"], url=line["url"])
                for i, line in enumerate(lines, start=1)
            ),
            batch_size=BATCH,
        )
        Notification.objects.filter(pk=pk).update(line_count=len(lines))
    if schema_editor.connection.vendor == "postgresql":
        # The new rows' foreign-key checks run now, so the column can be dropped in this transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def rows_to_lines(apps, schema_editor):
    Notification = apps.get_model("core", "Notification")
    NotificationLine = apps.get_model("core", "NotificationLine")
    for pk in Notification.objects.order_by("pk").values_list("pk", flat=True).iterator():
        rows = NotificationLine.objects.filter(notification_id=pk).order_by("position")
        Notification.objects.filter(pk=pk).update(lines=list(rows.values("text", "url")))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_vietnamese_labels_and_date_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="line_count",
            field=models.PositiveIntegerField(default=0, verbose_name="số dòng"),
        ),
        migrations.CreateModel(
            name="NotificationLine",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField(verbose_name="thứ tự")),
                ("text", models.TextField(verbose_name="nội dung")),
                ("url", models.CharField(max_length=500, verbose_name="đường dẫn")),
                (
                    "notification",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="line_set",
                        to="core.notification",
                        verbose_name="thông báo",
                    ),
                ),
            ],
            options={
                "verbose_name": "dòng thông báo",
                "verbose_name_plural": "dòng thông báo",
                "ordering": ["notification", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("notification", "position"), name="notification_line_position")
                ],
            },
        ),
        migrations.RunPython(lines_to_rows, rows_to_lines, elidable=True),
        migrations.RemoveField(model_name="notification", name="lines"),
    ]
