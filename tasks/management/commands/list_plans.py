import json

from django.core.management.base import BaseCommand

from plans.models import Plan
from tasks.plan_json import plan_summaries


class Command(BaseCommand):
    help = "Liệt kê các kế hoạch (--json: danh sách JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="In JSON.")

    def handle(self, *args, **options):
        rows = plan_summaries(Plan.objects.order_by("year", "id"))
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            counts = ", ".join(f"{state}={n}" for state, n in row["deliverable_counts"].items()) or "—"
            self.stdout.write(
                f"{row['id']:>4}  {row['symbol'] or '(chưa có số)':<14} {row['issuer']:<16} {row['year']}  "
                f"{row['state']:<9} {row['task_count']:>3} nhiệm vụ  [{counts}]  {row['title'][:70]}"
            )
