import json

from django.core.management.base import BaseCommand, CommandError

from surveys.index import index_as_dict, index_compute, period_label, period_parse
from surveys.models import Campaign, CampaignUnit


class Command(BaseCommand):
    help = "Chỉ số hài lòng của một đợt khảo sát theo kỳ, đơn vị hoặc tiêu chí."

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, required=True, help="Mã (id) đợt khảo sát")
        parser.add_argument("--period", help="Kỳ: 2023, 2023-Q1 hoặc 2023-03")
        parser.add_argument("--by", choices=["unit", "criterion"], default="criterion")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options):
        campaign = Campaign.objects.filter(pk=options["survey"]).select_related("questionnaire").first()
        if campaign is None:
            raise CommandError(f"Không có đợt khảo sát {options['survey']}.")
        period = options.get("period")
        if period:
            try:
                period_parse(period)
            except ValueError as error:
                raise CommandError(str(error)) from None
        by_unit = options["by"] == "unit"
        result = index_compute(campaign=campaign, by_unit=by_unit, period=period)
        names = dict(CampaignUnit.objects.filter(campaign=campaign).values_list("unit_id", "unit__name"))
        data = index_as_dict(result, campaign=campaign, unit_names=names)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{campaign.title} — chỉ tiêu {campaign.target_label}")
        for block in data["periods"]:
            self.stdout.write(f"\n{period_label(block['period'])}")
            for group in block["groups"]:
                overall = group["overall"]
                name = group["unit"] or "Toàn bộ"
                if overall is None:
                    continue
                flag = "đạt" if overall["meets_target"] else "CHƯA ĐẠT"
                self.stdout.write(
                    f"  {name:<50} {overall['index']:6.2f} % ± {overall['margin_of_error']:.2f}"
                    f"  n={overall['n']:<6} {flag}"
                )
                if not by_unit:
                    for criterion, fig in group["criteria"].items():
                        if fig:
                            self.stdout.write(f"    - {criterion:<46} {fig['index']:6.2f} %  n={fig['n']}")
