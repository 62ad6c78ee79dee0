from django.core.management.base import BaseCommand, CommandError

from units.models import ApiToken
from units.services import api_token_revoke


class Command(BaseCommand):
    help = "Thu hồi mã truy cập API (theo số hoặc đầu mã kh_…); không thể khôi phục."

    def add_arguments(self, parser):
        parser.add_argument("token", help="Số của mã (#) hoặc đầu mã, ví dụ kh_AbC123x")

    def handle(self, *args, token, **options):
        found = (
            ApiToken.objects.filter(pk=int(token))
            if token.isdigit()
            else ApiToken.objects.filter(prefix=token)
        )
        if found.count() != 1:
            raise CommandError(f"Không tìm thấy đúng một mã truy cập «{token}».")
        revoked = api_token_revoke(token=found.get())
        self.stdout.write(f"Đã thu hồi mã #{revoked.pk} «{revoked.name}» ({revoked.unit}).")
