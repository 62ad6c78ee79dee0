from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.demo import DEMO_PASSWORD, load_demo
from tasks.demo_present import ACCOUNTS, accounts_now, load_present


def _other_demos(function: str = "load_demo"):
    """Apps built on the tracker (surveys, documents…) add their demo data through ``<app>.demo``.

    Looked up by name so that the tracker does not import the apps above it. ``load_demo``
    adds to the seed history; ``load_present`` runs after the 2025 reform, for this year.
    """
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name != "tasks" and find_spec(config.name) and find_spec(name):
            module = import_module(name)
            if hasattr(module, function):
                yield config.verbose_name, getattr(module, function)


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
        present = load_present(today)
        applied = sum(1 for outcome in present["reform"] if not outcome.already_applied)
        self.stdout.write(f"  [sắp xếp tổ chức 01/07/2025] {applied} sự kiện mới áp dụng")
        for plan, created in present["plans"]:
            mark = "tạo mới" if created else "đã có"
            self.stdout.write(f"  [{mark}] {plan.title[:90]}")
        for label, loader in _other_demos("load_present"):
            for line in loader(today) or []:
                self.stdout.write(f"  [{label}] {line}")
        self.stdout.write(self.style.SUCCESS(f"\nTài khoản thử (mật khẩu chung: {DEMO_PASSWORD}):"))
        names = [row[0] for row in result["accounts"]] + [row[0] for row in ACCOUNTS]
        for username, name, roles in accounts_now(list(dict.fromkeys(names))):
            self.stdout.write(f"  {username:<22} {name:<26} {roles}")
