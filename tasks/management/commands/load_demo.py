from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.demo import DEMO_PASSWORD, load_demo


def _other_demos():
    """Apps built on the tracker (surveys, documents…) add their demo data through ``<app>.demo``.

    Looked up by name so that the tracker does not import the apps above it.
    """
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name != "tasks" and find_spec(config.name) and find_spec(name):
            module = import_module(name)
            if hasattr(module, "load_demo"):
                yield config.verbose_name, module.load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cơ cấu tổ chức, năm kế hoạch mẫu, tài khoản thử (chạy lại vẫn an toàn)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        result = load_demo(today)
        for plan, created in result["plans"]:
            mark = "tạo mới" if created else "đã có"
            self.stdout.write(f"  [{mark}] {plan.symbol or '(chưa có số)'} {plan.title[:80]}")
        for label, loader in _other_demos():
            for line in loader(today) or []:
                self.stdout.write(f"  [{label}] {line}")
        self.stdout.write(self.style.SUCCESS(f"\nTài khoản thử (mật khẩu chung: {DEMO_PASSWORD}):"))
        for username, name, roles in result["accounts"]:
            self.stdout.write(f"  {username:<22} {name:<26} {roles}")
