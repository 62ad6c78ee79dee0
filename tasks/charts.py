"""Chart geometry for the progress screens; templates draw it as inline SVG (offline, printable).

Only positions and sizes are computed here; every bar carries the link to the list behind it.
"""

from __future__ import annotations

import datetime as dt

LABEL_WIDTH = 250
PLOT_WIDTH = 380
ROW = 30
BAR = 11


def _short(label: str, size: int = 36) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _width(value: float | None, top: float) -> float:
    return 0.0 if not value or not top else round(PLOT_WIDTH * min(value, top) / top, 1)


def ranking_chart(rows: list[dict]) -> dict:
    """``rows``: label, completion %, on-time %, and a link for each. Two bars per unit."""
    bars = []
    for i, row in enumerate(rows):
        y = i * ROW
        bars.append(
            {
                **row,
                "label": _short(row["label"]),
                "y": y,
                "y2": y + BAR + 2,
                "text_y": y + BAR + 3,
                "w1": _width(row["completion"], 100),
                "w2": _width(row["on_time"], 100),
                "x1": round(LABEL_WIDTH + _width(row["completion"], 100) + 4, 1),
                "x2": round(LABEL_WIDTH + _width(row["on_time"], 100) + 4, 1),
            }
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + PLOT_WIDTH + 70,
        "height": max(len(rows), 1) * ROW + 24,
        "label_width": LABEL_WIDTH,
        "bar": BAR,
        "legend_y": max(len(rows), 1) * ROW + 14,
    }


def count_chart(rows: list[dict]) -> dict:
    """``rows``: label, value (a count), link. One bar per row, scaled to the largest value."""
    top = max((row["value"] for row in rows), default=0)
    bars = []
    for i, row in enumerate(rows):
        y = i * (BAR + 9)
        width = _width(row["value"], top)
        bars.append(
            {
                **row,
                "label": _short(row["label"]),
                "y": y,
                "text_y": y + BAR,
                "w": width,
                "x": round(LABEL_WIDTH + width + 4, 1),
            }
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + PLOT_WIDTH + 70,
        "height": max(len(rows), 1) * (BAR + 9) + 8,
        "label_width": LABEL_WIDTH,
        "bar": BAR + 2,
    }


COLUMN = 46
PLOT_HEIGHT = 170


def month_chart(months: list[dict]) -> dict:
    """``months``: label, due, done (counts) and their links. Two columns a month: due, done."""
    top = max((m["due"] for m in months), default=0) or 1
    columns = []
    for i, month in enumerate(months):
        x = 40 + i * COLUMN
        h_due = round(PLOT_HEIGHT * month["due"] / top, 1)
        h_done = round(PLOT_HEIGHT * month["done"] / top, 1)
        columns.append(
            {
                **month,
                "x": x,
                "x_done": x + 17,
                "x_mid": x + 16,
                "h_due": h_due,
                "h_done": h_done,
                "y_due": round(PLOT_HEIGHT + 20 - h_due, 1),
                "y_done": round(PLOT_HEIGHT + 20 - h_done, 1),
                "ty_due": round(PLOT_HEIGHT + 16 - h_due, 1),
                "ty_done": round(PLOT_HEIGHT + 16 - h_done, 1),
            }
        )
    return {
        "columns": columns,
        "width": 60 + max(len(months), 1) * COLUMN,
        "height": PLOT_HEIGHT + 62,
        "base_y": PLOT_HEIGHT + 20,
        "label_y": PLOT_HEIGHT + 36,
        "legend_y": PLOT_HEIGHT + 56,
    }


GANTT_LABEL = 300
GANTT_PLOT = 640
GANTT_ROW = 22


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def gantt_chart(rows: list[dict], *, start: dt.date, end: dt.date, today: dt.date) -> dict:
    """``rows``: label, link and marks (due date, css, title, link). x is the date across the span."""
    marks = [mark["due_date"] for row in rows for mark in row["marks"]]
    start = min([start, *marks])
    end = max([end, *marks])
    days = max((end - start).days, 1)

    placed: dict[dt.date, float] = {}  # a plan's marks fall on a few hundred distinct days

    def x(day: dt.date) -> float:
        if (at := placed.get(day)) is None:
            at = placed[day] = round(GANTT_LABEL + GANTT_PLOT * (day - start).days / days, 1)
        return at

    top = 28
    drawn = []
    for i, row in enumerate(rows):
        y = top + i * GANTT_ROW
        drawn.append(
            {
                **row,
                "label": _short(row["label"], 44),
                "y": y,
                "text_y": y + 15,
                "mid_y": y + 11,
                "marks": [{**mark, "x": x(mark["due_date"])} for mark in row["marks"]],
            }
        )
    height = top + max(len(rows), 1) * GANTT_ROW + 10
    months = [
        {"x": x(day), "label": f"{day.month:02d}/{day.year % 100:02d}"} for day in _month_starts(start, end)
    ]
    in_span = start <= today <= end
    return {
        "rows": drawn,
        "months": [m for m in months if m["x"] >= GANTT_LABEL],
        "width": GANTT_LABEL + GANTT_PLOT + 20,
        "height": height,
        "label_width": GANTT_LABEL,
        "today_x": x(today) if in_span else None,
        "bottom": height - 4,
    }
