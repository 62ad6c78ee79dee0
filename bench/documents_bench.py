"""Document rendering speed: a plan with 50 and 500 task rows, next to docxtpl's own time.

    .venv/bin/python bench/documents_bench.py [--rows 50 500] [--runs 5]

The floor is docxtpl alone (load + render + save) on a bare template: one paragraph and a
six-column table filled by ``{%tr for %}`` with the same number of rows and the same text.
The product's path is the built-in Kế hoạch template (header, body, signature, appendix) in
the sandboxed environment with autoescape, after reading the plan (plan_context: tasks,
sections, units in a few queries), checking the template and normalising the zip.
Prints medians and the ratio. Runs on a throw-away SQLite database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

import docx  # noqa: E402
from django.core.management import call_command  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from documents import builtin, rendering  # noqa: E402
from documents.kinds import plan as plan_kind  # noqa: E402
from documents.models import Kind  # noqa: E402
from plans.models import Plan  # noqa: E402
from tasks.models import Task, TaskAssignment  # noqa: E402
from units.models import Unit  # noqa: E402

COLUMNS = ["order", "content", "leads", "coordinating", "deadline", "result"]


def _plan(rows: int) -> Plan:
    top, _ = Unit.objects.get_or_create(
        code="B-UBND",
        defaults={"name": "Ủy ban nhân dân huyện Thử", "short_name": "UBND huyện", "symbol": "UBND"},
    )
    offices = [
        Unit.objects.get_or_create(
            code=f"B-P{i}", defaults={"name": f"Phòng chuyên môn số {i}", "parent": top}
        )[0]
        for i in range(40)
    ]
    plan = Plan.objects.create(
        issuer=top,
        place="Thử",
        year=2025,
        title=f"Kế hoạch thử {rows} nhiệm vụ",
        purposes="- Mục đích thử.",
        requirements="- Yêu cầu thử.",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            position=i,
            order_label=str(i),
            content=f"Nhiệm vụ số {i}: rà soát, công khai thủ tục hành chính lĩnh vực {i % 17}",
            expected_result="Báo cáo kết quả",
            deadline_text="Thường xuyên",
        )
        for i in range(1, rows + 1)
    )
    TaskAssignment.objects.bulk_create(
        [TaskAssignment(task=t, unit=offices[t.position % 40], role="lead") for t in tasks]
        + [TaskAssignment(task=t, unit=offices[(t.position + 7) % 40], role="coordinating") for t in tasks]
    )
    return plan


def bare_template() -> bytes:
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    for cell, name in zip(table.rows[2].cells, COLUMNS, strict=True):
        cell.text = "{{ row.%s }}" % name  # noqa: UP031 — Jinja braces
    table.rows[3].cells[0].text = "{%tr endfor %}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bare_render(template: bytes, context: dict) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def timed(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    product_template = builtin.builtin_path(Kind.PLAN).read_bytes()
    bare = bare_template()
    print(f"{'rows':>6} {'docxtpl bare (floor)':>22} {'product':>12} {'ratio':>7}")
    for rows in args.rows:
        plan = _plan(rows)
        data = plan_kind.plan_document_context(plan)
        floor_context = {
            "title": plan.title,
            "rows": [r for r in data["plan"]["rows"] if not r["is_section"]],
        }
        floor_s = timed(lambda floor_context=floor_context: bare_render(bare, floor_context), args.runs)

        def product(plan=plan):
            rendering.render_docx(product_template, plan_kind.plan_document_context(plan))

        product_s = timed(product, args.runs)
        print(
            f"{rows:>6} {floor_s * 1000:>19.1f} ms {product_s * 1000:>9.1f} ms {product_s / floor_s:>6.1f}×"
        )


if __name__ == "__main__":
    main()
