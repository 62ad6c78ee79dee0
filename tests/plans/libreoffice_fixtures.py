# ruff: noqa: E501  -- the HTML is kept one row a line, as a clerk would type it.
"""Plans saved as .docx by LibreOffice Writer, the way offices without Microsoft Word send them.

Each plan is written here as HTML, the way a clerk lays it out: a borderless header table, the
task table whose section rows are one cell merged across the whole table
("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") and whose lead-unit cell is merged down over two tasks,
and the closing table with "Nơi nhận:" and the signer. LibreOffice converts it to .docx
(``soffice --headless --convert-to docx``), which writes merges as Writer does (gridSpan across,
vMerge down), not as python-docx does.

The produced files are committed beside this script (``tests/plans/libreoffice/*.docx``) so the
tests run where LibreOffice is not installed. Regenerate them with::

    .venv/bin/python -m tests.plans.libreoffice_fixtures
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FOLDER = Path(__file__).parent / "libreoffice"

HEADER = """
<table style="width:100%" cellpadding="2">
<tr><td style="text-align:center">UBND HUYỆN CAM LÂM</td>
<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></td></tr>
<tr><td style="text-align:center">Số: 41/KH-UBND</td>
<td style="text-align:center"><i>Cam Lâm, ngày 18 tháng 7 năm 2025</i></td></tr>
</table>
<p style="text-align:center"><b>KẾ HOẠCH</b></p>
<p style="text-align:center"><b>Cải cách hành chính sáu tháng cuối năm 2025</b></p>
<p>Căn cứ Quyết định số 308/QĐ-UBND ngày 12/01/2025 của UBND tỉnh Khánh Hòa;</p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p>
<p>Nâng cao chất lượng giải quyết thủ tục hành chính.</p>
<p>II. NHIỆM VỤ</p>
"""

CLOSING = """
<p>Trên đây là Kế hoạch cải cách hành chính sáu tháng cuối năm 2025 của UBND huyện.</p>
<table style="width:100%">
<tr><td><b><i>Nơi nhận:</i></b><br>- UBND tỉnh;<br>- Các phòng, ban;<br>- Lưu: VT, NV.</td>
<td style="text-align:center"><b>TM. ỦY BAN NHÂN DÂN</b><br><b>CHỦ TỊCH</b><br><br><br><b>Nguyễn Văn An</b></td></tr>
</table>
"""

TASKS = """
<table border="1" cellspacing="0" cellpadding="3" style="width:100%">
<tr><th>Stt</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Thời gian hoàn thành</th></tr>
<tr><td colspan="5"><b>I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH</b></td></tr>
<tr><td>1</td><td>Ban hành kế hoạch kiểm tra công tác cải cách hành chính</td>
<td rowspan="2">Phòng Nội vụ</td><td>Văn phòng HĐND và UBND huyện</td><td>Tháng 8/2025</td></tr>
<tr><td>2</td><td>Báo cáo tình hình thực hiện cải cách hành chính</td>
<td>Các phòng, ban</td><td>Trước ngày 15 hàng tháng</td></tr>
<tr><td colspan="5"><b>II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH</b></td></tr>
<tr><td>3</td><td>Rà soát, đơn giản hóa thủ tục hành chính</td>
<td>Văn phòng HĐND và UBND huyện</td><td>Phòng Nội vụ</td><td>Quý IV/2025</td></tr>
</table>
"""

PLANS = {"camlam_mid_year": HEADER + TASKS + CLOSING}


def html(name: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>{PLANS[name]}</body></html>'
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def build(name: str, *, into: Path) -> Path:
    """Convert one plan's HTML to .docx with LibreOffice Writer; return the .docx path."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{name}.html"
        source.write_text(html(name), encoding="utf-8")
        profile = Path(work) / "profile"  # its own profile: another soffice running does not block this one
        subprocess.run(  # noqa: S603 -- a fixed command line; the input is this script's own HTML
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(into),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return into / f"{name}.docx"


def committed(name: str) -> bytes:
    return (FOLDER / f"{name}.docx").read_bytes()


if __name__ == "__main__":
    FOLDER.mkdir(exist_ok=True)
    for plan in PLANS:
        print(build(plan, into=FOLDER))
