"""docxtpl in a sandboxed Jinja environment, with the Vietnamese filters.

A template uploaded by a user is untrusted code: it runs in ``SandboxedEnvironment``
(no underscore attributes, no unsafe callables), with no loader (no include, import or
extends: they are refused before rendering), no globals except ``range``, and strict
undefined variables, so a typo or a probe like ``{{ config }}`` fails loudly instead of
printing nothing. ``autoescape`` is on: without it a value with "&" or "<" breaks the .docx.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import jinja2
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from core.errors import ApplicationError

from . import formatting

TEMPLATE_UNSAFE = "Mẫu văn bản có lệnh không được phép ({detail}); văn bản chưa được tạo."
TEMPLATE_SYNTAX = "Mẫu văn bản sai cú pháp ở dòng {line}: {detail}."
TEMPLATE_UNKNOWN = "Mẫu văn bản dùng biến không có trong dữ liệu: {names}."
TEMPLATE_FAILED = "Không tạo được văn bản từ mẫu: {detail}."
NOT_DOCX = "Tệp không phải là văn bản Word (.docx)."

FORBIDDEN_NODES = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
}
# Jinja's own names that a probe might reach for; the sandbox blocks their internals anyway.
FORBIDDEN_NAMES = {"self", "cycler", "joiner", "namespace", "lipsum", "config", "request", "settings"}


class _StrictUndefined(jinja2.StrictUndefined):
    pass


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=_StrictUndefined, loader=None)
    env.globals = {"range": env.globals["range"]}
    env.filters.update(formatting.FILTERS)
    return env


ENV = _environment()


@dataclass
class TemplateCheck:
    variables: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _template_sources(tpl: DocxTemplate) -> list[str]:
    """The Jinja source docxtpl will render: body, headers and footers, after its own patching."""
    tpl.init_docx()
    sources = [tpl.patch_xml(tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _relkey, part in tpl.get_headers_footers(uri):
            sources.append(tpl.patch_xml(tpl.get_part_xml(part)))
    return sources


def _walk_forbidden(ast) -> list[str]:
    found = []
    for node_type, label in FORBIDDEN_NODES.items():
        if any(True for _ in ast.find_all(node_type)):
            found.append(label)
    for name in ast.find_all(nodes.Name):
        if name.name in FORBIDDEN_NAMES:
            found.append(name.name)
    for getattr_node in ast.find_all(nodes.Getattr):
        if getattr_node.attr.startswith("_"):
            found.append(getattr_node.attr)
    for getitem in ast.find_all(nodes.Getitem):
        if isinstance(getitem.arg, nodes.Const) and str(getitem.arg.value).startswith("_"):
            found.append(str(getitem.arg.value))
    return sorted(set(found))


def template_inspect(data: bytes) -> TemplateCheck:
    """Parse every part of a .docx template: forbidden tags, syntax errors, variables used.

    Cached by content hash: a template is inspected once per process, not once per document.
    """
    digest = hashlib.sha256(data).hexdigest()
    cached = _INSPECTED.get(digest)
    if cached is None:
        cached = _INSPECTED[digest] = _inspect(data)
        if len(_INSPECTED) > 64:
            _INSPECTED.pop(next(iter(_INSPECTED)))
    return TemplateCheck(set(cached.variables), list(cached.problems))


_INSPECTED: dict[str, TemplateCheck] = {}


def _inspect(data: bytes) -> TemplateCheck:
    check = TemplateCheck()
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        sources = _template_sources(tpl)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ApplicationError(NOT_DOCX) from exc
    for source in sources:
        try:
            ast = ENV.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            check.problems.append(TEMPLATE_SYNTAX.format(line=exc.lineno, detail=_plain(exc.message)))
            continue
        forbidden = _walk_forbidden(ast)
        if forbidden:
            check.problems.append(TEMPLATE_UNSAFE.format(detail=", ".join(forbidden)))
        check.variables |= meta.find_undeclared_variables(ast)
    return check


def _plain(message: str | None) -> str:
    return re.sub(r"<[^>]+>", "", message or "").strip()


def render_docx(data: bytes, context: dict) -> bytes:
    """Render template bytes with ``context``; refuse unsafe or broken templates with a clear message."""
    check = template_inspect(data)
    if check.problems:
        raise ApplicationError(check.problems[0], problems=check.problems)
    unknown = sorted(check.variables - set(context))
    if unknown:
        raise ApplicationError(TEMPLATE_UNKNOWN.format(names=", ".join(unknown)), problems=unknown)
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.render(context, jinja_env=ENV, autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise ApplicationError(TEMPLATE_UNSAFE.format(detail=_plain(str(exc)))) from exc
    except jinja2.UndefinedError as exc:
        raise ApplicationError(TEMPLATE_UNKNOWN.format(names=_plain(exc.message))) from exc
    except jinja2.TemplateError as exc:
        raise ApplicationError(TEMPLATE_FAILED.format(detail=_plain(str(exc)))) from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ApplicationError(TEMPLATE_FAILED.format(detail=_plain(str(exc)))) from exc
    out = io.BytesIO()
    tpl.save(out)
    return normalize_zip(out.getvalue())


ZIP_TIME = (2020, 3, 5, 0, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry times, so the same template and data give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def docx_text(data: bytes) -> list[str]:
    """Every paragraph of a .docx, tables included (row cells joined by " | "), for previews and tests."""
    document = Document(io.BytesIO(data))
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_paragraph_text(child))
        elif tag == "tbl":
            out.extend(_table_lines(child))
    return out


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag.endswith("}t"):
            parts.append(node.text or "")
        elif node.tag.endswith("}br"):
            parts.append("\n")
    return "".join(parts)


def _table_lines(tbl) -> list[str]:
    lines = []
    for row in tbl.iterchildren():
        if not row.tag.endswith("}tr"):
            continue
        cells = []
        for cell in row.iterchildren():
            if not cell.tag.endswith("}tc"):
                continue
            paragraphs = []
            for p in cell.iterchildren():
                if p.tag.endswith("}p"):
                    paragraphs.append(_paragraph_text(p))
                elif p.tag.endswith("}tbl"):
                    paragraphs.extend(_table_lines(p))
            cells.append("\n".join(paragraphs))
        lines.append(" | ".join(cells))
    return lines
