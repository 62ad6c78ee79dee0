"""Apply one reorganisation event (or a spreadsheet of them) from a script.

Exit status 2 when the event cannot apply; nothing changes then.
"""

import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from units.models import Reorganisation, Unit
from units.reorganisation import EventSpec, reorganisation_apply, reorganisation_apply_all
from units.sheets import reorganisation_sheet_read

Kind = Reorganisation.Kind
MSG_ONE_KIND = "Chọn đúng một trong --merge, --rename, --dissolve, --split, --move hoặc --file."
MSG_UNKNOWN = "Không có đơn vị mã {code}."
MSG_DATE = "Ngày hiệu lực «{value}» không đúng dạng YYYY-MM-DD."


class Refused(Exception):
    def __init__(self, problems):
        self.problems = problems


class Command(BaseCommand):
    help = "Sắp xếp tổ chức: đổi tên, hợp nhất, chia tách, giải thể, chuyển đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("--effective", help="Ngày có hiệu lực, YYYY-MM-DD.")
        parser.add_argument("--basis", default="", help="Căn cứ pháp lý.")
        parser.add_argument("--merge", help="Mã các đơn vị hợp nhất, cách nhau dấu phẩy.")
        parser.add_argument("--rename", help="Mã đơn vị đổi tên.")
        parser.add_argument("--dissolve", help="Mã đơn vị giải thể.")
        parser.add_argument("--split", help="Mã đơn vị chia tách.")
        parser.add_argument("--move", help="Mã đơn vị chuyển cấp trên.")
        parser.add_argument("--into", help="Mã đơn vị kế thừa (chia tách: nhiều mã, đơn vị đầu là mặc định).")
        parser.add_argument("--parent", help="Mã đơn vị cấp trên mới.")
        parser.add_argument("--name", default="", help="Tên mới, hoặc tên đơn vị mới khi hợp nhất.")
        parser.add_argument("--carry-roles", action="store_true", help="Giao lại vai trò ở đơn vị kế thừa.")
        parser.add_argument("--file", help="Bảng tính .xlsx/.csv nhiều sự kiện, áp dụng tất cả hoặc không.")
        parser.add_argument("--actor", help="Tên đăng nhập người thực hiện (kiểm tra phạm vi điều phối).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không thay đổi gì.")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, **options):
        actor = get_user_model().objects.get(username=options["actor"]) if options["actor"] else None
        try:
            if options["file"]:
                with open(options["file"], "rb") as handle:
                    specs = reorganisation_sheet_read(handle.read(), options["file"])
                outcomes = reorganisation_apply_all(specs=specs, actor=actor, dry_run=options["dry_run"])
                result = {"events": [outcome.as_json() for outcome in outcomes], "problems": []}
            else:
                spec = self._spec(options)
                result = reorganisation_apply(spec=spec, actor=actor, dry_run=options["dry_run"]).as_json()
        except (ApplicationError, Refused) as error:
            problems = error.problems or [getattr(error, "message", str(error))]
            self._refuse(problems, options["json"])
        self._print(result, options["json"])

    def _refuse(self, problems, as_json):
        if as_json:
            self.stdout.write(json.dumps({"problems": problems}, ensure_ascii=False))
        else:
            for problem in problems:
                self.stderr.write(problem)
        raise CommandError("Sự kiện không được áp dụng; không có thay đổi nào.", returncode=2)

    def _print(self, result, as_json):
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for event in result.get("events", [result]):
            for line in event["details"]:
                self.stdout.write(f"  {line}")
            counts = {k: v for k, v in event.items() if isinstance(v, int) and not isinstance(v, bool)}
            self.stdout.write(", ".join(f"{k}={v}" for k, v in counts.items() if k != "event"))
            if event["already_applied"]:
                self.stdout.write("Sự kiện này đã được áp dụng trước đây; không có thay đổi nào.")
            elif event["dry_run"]:
                self.stdout.write("Xem trước: chưa thay đổi gì.")

    def _spec(self, options) -> EventSpec:
        kinds = [k for k in ("merge", "rename", "dissolve", "split", "move") if options[k]]
        if len(kinds) != 1:
            raise Refused([MSG_ONE_KIND])
        kind = kinds[0]
        try:
            effective = dt.date.fromisoformat(options["effective"] or "")
        except ValueError:
            raise Refused([MSG_DATE.format(value=options["effective"] or "")]) from None
        sources = self._units(options[kind])
        spec = EventSpec(
            kind=kind,
            effective_on=effective,
            basis=options["basis"],
            sources=sources,
            new_name=options["name"],
            carry_roles=options["carry_roles"],
        )
        if kind == Kind.MOVE:
            spec.targets = self._units(options["parent"] or "")
        elif kind == Kind.MERGE and options["into"] and options["name"]:
            if Unit.objects.filter(code=options["into"].strip()).exists():
                spec.targets = self._units(options["into"])
                spec.new_name = ""
            else:
                spec.new_code = options["into"].strip()
                spec.new_parent = self._units(options["parent"])[0] if options["parent"] else None
        elif kind != Kind.RENAME:
            spec.targets = self._units(options["into"] or "")
        return spec

    def _units(self, codes: str) -> list[Unit]:
        wanted = [code.strip() for code in codes.split(",") if code.strip()]
        found = {unit.code: unit for unit in Unit.objects.filter(code__in=wanted)}
        missing = [MSG_UNKNOWN.format(code=code) for code in wanted if code not in found]
        if missing:
            raise Refused(missing)
        return [found[code] for code in wanted]
