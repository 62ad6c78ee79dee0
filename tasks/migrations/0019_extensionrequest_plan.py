"""A request carries its obligation's plan, so a unit tree's queue is read from an index."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_plans(apps, schema_editor):
    ExtensionRequest = apps.get_model("tasks", "ExtensionRequest")
    Deliverable = apps.get_model("tasks", "Deliverable")
    plan = Deliverable.objects.filter(pk=OuterRef("deliverable_id")).values("task__plan_id")[:1]
    ExtensionRequest.objects.update(plan_id=Subquery(plan))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("tasks", "0018_deliverable_unit_open_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="extensionrequest",
            name="plan",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.plan",
                verbose_name="kế hoạch",
            ),
        ),
        migrations.RunPython(copy_plans, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="extensionrequest",
            name="plan",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.plan",
                verbose_name="kế hoạch",
            ),
        ),
        migrations.AddIndex(
            model_name="extensionrequest",
            index=models.Index(fields=["state", "plan", "requested_at"], name="extension_queue_by_plan"),
        ),
    ]
