import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from core.periods import REPORTING_FREQUENCIES, Frequency
from tasks.deadline_parser import parse_deadline
from tasks.deadlines import DeadlineError, due_dates

# Unreadable text exits with this status so scripts can tell it from a usage error (1).
UNREADABLE_STATUS = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày «{value}» không đúng dạng YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Đọc một thời hạn viết trong kế hoạch và in loại, các hạn (dd/mm/yyyy) và cảnh báo. "
        "Thoát với mã 2 khi không đọc được."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="Thời hạn như trong kế hoạch, ví dụ «Quý II và quý III năm 2023».")
        parser.add_argument("--year", type=int, help="Năm của kế hoạch, dùng khi thời hạn không ghi năm.")
        parser.add_argument("--start", type=_date, help="Ngày bắt đầu kế hoạch (mặc định 01/01 của --year).")
        parser.add_argument("--end", type=_date, help="Ngày kết thúc kế hoạch (mặc định 31/12 của --year).")
        parser.add_argument(
            "--frequency",
            choices=[str(f) for f in REPORTING_FREQUENCIES],
            default=str(Frequency.QUARTERLY),
            help="Kỳ báo cáo của kế hoạch, áp cho «Thường xuyên» (mặc định quarterly).",
        )
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")

    def handle(self, *args, **options):
        start, end = self._span(options)
        # Without --year, a span given by --start says which year the plan is.
        year = options["year"] or (options["start"].year if options["start"] else None)
        parsed = parse_deadline(options["text"], year=year)
        try:
            dates = due_dates(
                parsed.parts,
                span_start=start,
                span_end=end,
                report_frequency=Frequency(options["frequency"]),
            )
        except DeadlineError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self._print_json(parsed, dates)
        else:
            self._print_text(parsed, dates)
        if not parsed.readable:
            sys.exit(UNREADABLE_STATUS)

    def _span(self, options) -> tuple[dt.date, dt.date]:
        year = options["year"] or (options["start"] or options["end"] or dt.date.today()).year
        start = options["start"] or dt.date(year, 1, 1)
        end = options["end"] or dt.date(year, 12, 31)
        if end < start:
            raise CommandError("Ngày kết thúc kế hoạch trước ngày bắt đầu.")
        return start, end

    def _print_json(self, parsed, dates):
        data = {
            "text": parsed.text,
            "kind": parsed.kind,
            "due_dates": [d.isoformat() for d in dates],
            "warnings": parsed.warnings,
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    def _print_text(self, parsed, dates):
        self.stdout.write(f"Thời hạn: «{parsed.text}»")
        self.stdout.write(f"Loại: {parsed.kind}")
        self.stdout.write("Hạn: " + (", ".join(d.strftime("%d/%m/%Y") for d in dates) or "(không có)"))
        for warning in parsed.warnings:
            self.stdout.write(f"Cảnh báo: {warning}")
