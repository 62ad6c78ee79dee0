import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from tasks.importing import plan_import_read
from tasks.services.lifecycle import plan_import_create
from units.models import Unit


class Command(BaseCommand):
    help = "Nhập bảng nhiệm vụ của một kế hoạch từ tệp .docx, .xlsx hoặc .csv (tạo kế hoạch dự thảo)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--issuer", required=True, help="Mã đơn vị ban hành, ví dụ CAMLAM-UBND.")
        parser.add_argument("--year", type=int, help="Năm của kế hoạch khi văn bản không ghi.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đọc và báo cáo, không tạo gì.")
        parser.add_argument("--json", action="store_true", help="In kết quả đọc dưới dạng JSON.")

    def handle(self, *args, **options):
        issuer = Unit.objects.filter(code=options["issuer"]).first()
        if issuer is None:
            raise CommandError(f"Không có đơn vị mã «{options['issuer']}».")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp «{path}».")
        try:
            preview = plan_import_read(
                data=path.read_bytes(), name=path.name, issuer=issuer, year=options["year"]
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        plan = None
        if not options["dry_run"] and preview.ok:
            try:
                plan = plan_import_create(preview=preview)
            except DomainError as error:
                raise CommandError("\n".join([error.message, *error.problems])) from None
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    preview.as_json() | {"plan_id": plan.pk if plan else None}, ensure_ascii=False, indent=2
                )
            )
        else:
            self._report(preview, plan)
        if not preview.ok:
            raise CommandError("Tệp có lỗi; chưa tạo gì.", returncode=2)

    def _report(self, preview, plan):
        heading = preview.heading
        self.stdout.write(
            f"{heading.get('number') or ''}/{heading.get('doc_code') or ''} {heading.get('title') or ''}"
        )
        for row in preview.tasks:
            self.stdout.write(
                f"  [{row.line:>3}] {row.section or '':>4} {row.order:>4}. {row.content[:60]!r} "
                f"chủ trì={','.join(row.lead_units) or '—'} hạn={','.join(row.due_dates) or '?'}"
            )
        for message in preview.errors:
            self.stdout.write(self.style.ERROR(f"LỖI: {message}"))
        for message in preview.warnings:
            self.stdout.write(self.style.WARNING(f"Cần xem: {message}"))
        if plan:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã tạo kế hoạch dự thảo số hiệu {plan.pk} ({len(preview.tasks)} nhiệm vụ)."
                )
            )
        else:
            self.stdout.write("Chạy thử: chưa tạo gì." if preview.ok else "")
