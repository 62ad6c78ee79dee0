"""Horizontal bar charts as plain geometry, drawn by a template as inline SVG (works offline, prints)."""

from __future__ import annotations

LABEL_WIDTH = 260
PLOT_WIDTH = 380
BAR = 20
GAP = 8


def bar_chart(items: list[tuple[str, float | None, bool | None]], *, target: float) -> dict:
    """``items``: (label, percent or None, meets target). Returns what the template draws."""
    bars = []
    for i, (label, percent, met) in enumerate(items):
        y = i * (BAR + GAP)
        width = 0 if percent is None else PLOT_WIDTH * max(0.0, min(percent, 100.0)) / 100
        bars.append(
            {
                "label": label if len(label) <= 38 else label[:37] + "…",
                "full_label": label,
                "y": y,
                "text_y": y + BAR - 6,
                "width": round(width, 1),
                "value_x": round(LABEL_WIDTH + width + 4, 1),
                "percent": percent,
                "css": "none" if percent is None else ("ok" if met else "low"),
            }
        )
    height = max(len(items), 1) * (BAR + GAP) + 16
    return {
        "bars": bars,
        "width": LABEL_WIDTH + PLOT_WIDTH + 60,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR,
        "target_x": round(LABEL_WIDTH + PLOT_WIDTH * float(target) / 100, 1),
        "target": target,
        "axis_y": height - 14,
    }
