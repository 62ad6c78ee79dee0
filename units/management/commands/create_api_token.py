from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from units.models import Unit
from units.services import api_token_create


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một đơn vị và in mã ra một lần duy nhất."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ CAMLAM-VP")
        parser.add_argument(
            "--scopes", default="read", help="read, report, survey_responses (cách nhau bởi dấu phẩy)"
        )
        parser.add_argument("--name", required=True, help="Tên hệ thống dùng mã, ví dụ «Một cửa»")

    def handle(self, *args, unit, scopes, name, **options):
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise CommandError(f"Không có đơn vị mã «{unit}».")
        try:
            token, key = api_token_create(unit=found, name=name, scopes=scopes.split(","))
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stderr.write(
            f"Đã tạo mã #{token.pk} «{token.name}» cho {found} (phạm vi: {token.scopes}). "
            "Mã chỉ hiện một lần — hãy lưu lại ngay:"
        )
        self.stdout.write(key)
