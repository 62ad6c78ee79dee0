from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: cơ cấu tổ chức, năm kế hoạch mẫu và tài khoản thử (chạy lại nhiều lần vẫn an toàn)."
    )

    def handle(self, *args, **options):
        result = load_demo(timezone.localdate())
        for plan, created in result["plans"]:
            mark = "tạo mới" if created else "đã có"
            self.stdout.write(f"  [{mark}] {plan.symbol or '(chưa có số)'} {plan.title[:80]}")
        self.stdout.write(self.style.SUCCESS(f"\nTài khoản thử (mật khẩu chung: {DEMO_PASSWORD}):"))
        for username, name, roles in result["accounts"]:
            self.stdout.write(f"  {username:<22} {name:<26} {roles}")
