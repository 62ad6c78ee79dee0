import json

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from tasks.plan_json import plan_detail


class Command(BaseCommand):
    help = "In đầu văn bản và bảng nhiệm vụ của một kế hoạch (--json: một đối tượng JSON)."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--json", action="store_true", help="In JSON.")

    def handle(self, *args, **options):
        plan = Plan.objects.select_related("issuer").filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch số hiệu {options['plan_id']}.")
        data = plan_detail(plan)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{data['symbol'] or '(chưa có số)'} — {data['place']}, {data['date'] or '…'}")
        self.stdout.write(f"KẾ HOẠCH {data['title']}")
        section = None
        for task in data["tasks"]:
            if task["section"] != section:
                section = task["section"]
                title = next((s["title"] for s in data["sections"] if s["label"] == section), "")
                self.stdout.write(f"\n{section}. {title}" if section else "")
            leads = ", ".join(task["lead_units"])
            dues = ", ".join(task["due_dates"]) or "(chưa xác định)"
            self.stdout.write(f"  {task['order']:>3}. {task['content'][:70]}")
            self.stdout.write(f"       chủ trì: {leads} | thời hạn: {task['deadline_text']} → {dues}")
