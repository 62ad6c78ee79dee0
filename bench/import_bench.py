"""Plan import speed: rows per second next to the cost of merely reading the same file.

    .venv/bin/python bench/import_bench.py [--rows 2000] [--docx-rows 300] [--runs 3]

Builds a 2 000-row task spreadsheet and a 300-row .docx task table, then times
(a) openpyxl / python-docx reading the file and nothing else (the floor), and
(b) the product's import: reading, recognising units and deadlines (preview),
and creating the draft plan in one transaction. Prints medians and the ratio.
Runs on a throw-away SQLite database.
"""

from __future__ import annotations

import argparse
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
import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402

from tasks.importing import plan_import_read  # noqa: E402
from tasks.services.lifecycle import plan_import_create  # noqa: E402
from units.models import Unit  # noqa: E402

DEADLINES = [
    "Thường xuyên",
    "Tháng 01/2021",
    "Trước ngày 15/01/2021",
    "Quý II/2021",
    "Định kỳ năm",
    "Hàng tháng",
]
HEADERS = ["Stt", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Kết quả"]


def _organisation() -> Unit:
    top = Unit.objects.create(
        code="B-UBND", name="Ủy ban nhân dân huyện Thử", short_name="UBND huyện", symbol="UBND"
    )
    for i in range(40):
        Unit.objects.create(code=f"B-P{i}", name=f"Phòng chuyên môn số {i}", parent=top)
    return top


def _row(i: int) -> list[str]:
    return [
        str(i),
        f"Nhiệm vụ số {i}: rà soát, công khai thủ tục hành chính lĩnh vực {i % 17}",
        f"Phòng chuyên môn số {i % 40}",
        f"Phòng chuyên môn số {(i + 7) % 40}",
        DEADLINES[i % len(DEADLINES)],
        "Báo cáo kết quả",
    ]


def make_xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for i in range(1, rows + 1):
        sheet.append(_row(i))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_docx(rows: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("Số:      /KH-UBND")  # no number yet: each run imports it again
    document.add_paragraph("Thử, ngày 04 tháng 01 năm 2021")
    table = document.add_table(rows=1, cols=len(HEADERS))
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for i in range(1, rows + 1):
        for cell, text in zip(table.add_row().cells, _row(i), strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read_only_xlsx(data: bytes) -> int:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return sum(1 for _ in book.active.iter_rows(values_only=True))


def read_only_docx(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    return sum(len([c.text for c in row.cells]) for table in document.tables for row in table.rows)


def timed(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(label: str, data: bytes, name: str, rows: int, floor, issuer: Unit, runs: int) -> None:
    floor_s = timed(lambda: floor(data), runs)
    preview_s = timed(lambda: plan_import_read(data=data, name=name, issuer=issuer, year=2021), runs)

    def full():
        preview = plan_import_read(data=data, name=name, issuer=issuer, year=2021)
        plan_import_create(preview=preview)

    full_s = timed(full, runs)
    print(f"{label}: {rows} rows")
    print(f"  read only (floor)        {floor_s * 1000:9.1f} ms  {rows / floor_s:10.0f} rows/s")
    print(
        f"  preview (read + match)   {preview_s * 1000:9.1f} ms  {rows / preview_s:10.0f} rows/s  "
        f"{preview_s / floor_s:5.1f}× floor"
    )
    print(
        f"  import (preview + create){full_s * 1000:9.1f} ms  {rows / full_s:10.0f} rows/s  "
        f"{full_s / floor_s:5.1f}× floor"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--docx-rows", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    issuer = _organisation()
    bench("xlsx", make_xlsx(args.rows), "bench.xlsx", args.rows, read_only_xlsx, issuer, args.runs)
    bench("docx", make_docx(args.docx_rows), "bench.docx", args.docx_rows, read_only_docx, issuer, args.runs)


if __name__ == "__main__":
    main()
