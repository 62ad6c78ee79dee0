"""Writes the built-in .docx templates, one per document kind (each kind's ``build`` in documents/kinds/).

    .venv/bin/python -m documents.builtin        # rewrites templates/documents/docx/*.docx

The files are committed; this script is how they are made, so a change of layout is a change of
documents/layout.py or of the kind's module.
"""

from __future__ import annotations

import io
from pathlib import Path

from .rendering import normalize_zip

OUT_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents" / "docx"


def builtin_path(kind: str) -> Path:
    from .kinds import kind_spec

    return OUT_DIR / kind_spec(kind).builtin_file


def write_all(out_dir: Path = OUT_DIR) -> list[Path]:
    from .kinds import REGISTRY

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in REGISTRY.values():
        path = out_dir / spec.builtin_file
        buffer = io.BytesIO()
        spec.build().save(buffer)
        path.write_bytes(normalize_zip(buffer.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.local")
    django.setup()
    for written_path in write_all():
        print(written_path)
