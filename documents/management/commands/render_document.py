"""Render a document from a plan, for batch use:

    python manage.py render_document --kind KH --plan 12 --out ke-hoach.docx
    python manage.py render_document --kind BC --plan 12 --from 2022-01-01 --to 2022-03-31 --out bc.docx
    python manage.py render_document --kind CV --plan 5 --issuer DONGNAI-STP --drafting VP --out cv.docx
    python manage.py render_document --kind DD --plan 12 --today 2022-04-10 --out don-doc.docx
    python manage.py render_document --kind KS --survey 3 --period 2023-Q1 --type TB --out ks.docx

The file is written and nothing is stored (add --keep --user NAME to keep it as a draft). With
--pages FOLDER the pages are drawn as PNG too (documents.preview: LibreOffice, then pdftoppm), as
FOLDER/<name of --out>-trang-1.png…; the README's document images are made this way.
"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.errors import DomainError
from documents import builtin, preview, rendering, services
from documents.models import Kind
from documents.selectors import template_choices
from plans.models import Plan
from surveys.models import Campaign
from units.models import Unit


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise CommandError(f"Ngày «{text}» không đúng dạng YYYY-MM-DD.") from exc


def _template_bytes(kind: str, issuer) -> bytes:
    """The issuer's own active template, else the built-in file (nothing is installed or stored)."""
    template = template_choices(kind=kind, issuer=issuer).first()
    if template is None:
        return builtin.builtin_path(kind).read_bytes()
    with template.file.open("rb") as handle:
        return handle.read()


class Command(BaseCommand):
    help = "Tạo văn bản .docx (KH, QD, CV, BC, DD) từ một kế hoạch, hoặc (KS) từ một đợt khảo sát."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=Kind.values)
        parser.add_argument("--plan", type=int, help="Mã (id) kế hoạch (KH, QD, CV, BC, DD)")
        parser.add_argument("--survey", type=int, help="Mã (id) đợt khảo sát (KS)")
        parser.add_argument("--period", help="Kỳ khảo sát (KS): 2023, 2023-Q1 hoặc 2023-03")
        parser.add_argument("--type", dest="doc_type", default="BC", choices=["BC", "TB"], help="KS: BC/TB")
        parser.add_argument("--out", required=True, help="Tệp .docx ghi ra")
        parser.add_argument("--issuer", help="Mã đơn vị gửi công văn triển khai (CV)")
        parser.add_argument("--drafting", default="", help="Ký hiệu đơn vị soạn thảo công văn (VP, PNV…)")
        parser.add_argument("--from", dest="period_start", help="Báo cáo từ ngày (YYYY-MM-DD)")
        parser.add_argument("--to", dest="period_end", help="Báo cáo đến ngày (YYYY-MM-DD)")
        parser.add_argument("--today", help="Ngày tính quá hạn (YYYY-MM-DD); mặc định hôm nay")
        parser.add_argument("--keep", action="store_true", help="Lưu thành dự thảo trong hệ thống")
        parser.add_argument("--user", help="Tên đăng nhập người tạo (bắt buộc với --keep)")
        parser.add_argument("--pages", help="Thư mục ghi ảnh từng trang (.png); cần LibreOffice")

    def handle(self, *args, **options):
        if options["kind"] == Kind.SURVEY:
            return self._survey(options)
        if options["plan"] is None:
            raise CommandError("Cần --plan (mã kế hoạch).")
        plan = Plan.objects.select_related("issuer").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã {options['plan']}.")
        issuer = None
        if options["issuer"]:
            issuer = Unit.objects.filter(code=options["issuer"]).first()
            if issuer is None:
                raise CommandError(f"Không có đơn vị mã «{options['issuer']}».")
        today = _date(options["today"]) or timezone.localdate()
        choices = {
            "drafting": options["drafting"],
            "period_start": _date(options["period_start"]),
            "period_end": _date(options["period_end"]),
        }
        kind = options["kind"]
        try:
            if options["keep"]:
                user = get_user_model().objects.filter(username=options["user"] or "").first()
                if user is None:
                    raise CommandError("Cần --user là tên đăng nhập có quyền tạo văn bản.")
                document = services.document_create_for_plan(
                    kind=kind, plan=plan, actor=user, today=today, issuer=issuer, options=choices
                )
                data = services.document_bytes(document=document)
            else:
                issuer, context = services.document_context_for_plan(
                    kind=kind, plan=plan, today=today, issuer=issuer, options=choices
                )
                data = rendering.render_docx(_template_bytes(kind, issuer), context)
        except DomainError as error:
            raise CommandError(error.message) from error
        self._write(options["out"], data)
        if options["pages"]:
            self._pages(Path(options["pages"]), Path(options["out"]).stem, data)

    def _pages(self, folder: Path, stem: str, data: bytes) -> None:
        if preview.preview_kind() != preview.PAGES:
            raise CommandError("Máy chủ chưa có LibreOffice (soffice) và pdftoppm: không vẽ được trang.")
        folder.mkdir(parents=True, exist_ok=True)
        for number, png in enumerate(preview.preview_make(data).pages, start=1):
            self._write(str(folder / f"{stem}-trang-{number}.png"), png)

    def _write(self, path: str, data: bytes) -> None:
        out = Path(path)
        out.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {out} ({len(data)} byte)."))

    def _survey(self, options) -> None:
        """KS: the survey results report of one campaign and period."""
        if options["survey"] is None or not options["period"]:
            raise CommandError("Cần --survey (mã đợt khảo sát) và --period (ví dụ 2023-Q1).")
        campaign = Campaign.objects.select_related("plan__issuer").filter(pk=options["survey"]).first()
        if campaign is None:
            raise CommandError(f"Không có đợt khảo sát mã {options['survey']}.")
        today = _date(options["today"]) or timezone.localdate()
        choices = {"doc_type": options["doc_type"]}
        try:
            if options["keep"]:
                user = get_user_model().objects.filter(username=options["user"] or "").first()
                if user is None:
                    raise CommandError("Cần --user là tên đăng nhập có quyền tạo văn bản.")
                document = services.document_create_for_survey(
                    campaign=campaign, period=options["period"], actor=user, today=today, options=choices
                )
                data = services.document_bytes(document=document)
            else:
                issuer, context = services.document_context_for_survey(
                    campaign=campaign, period=options["period"], today=today, options=choices
                )
                data = rendering.render_docx(_template_bytes(Kind.SURVEY, issuer), context)
        except DomainError as error:
            raise CommandError(error.message) from error
        self._write(options["out"], data)
