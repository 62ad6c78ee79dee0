"""docxtpl in a sandboxed Jinja environment, with the Vietnamese filters.

A template uploaded by a user is untrusted code: it runs in ``SandboxedEnvironment``
(no underscore attributes, no unsafe callables), with no loader (no include, import or
extends: they are refused before rendering), no globals except ``range``, and strict
undefined variables, so a typo or a probe like ``{{ config }}`` fails loudly instead of
printing nothing. ``autoescape`` is on: without it a value with "&" or "<" breaks the .docx.

It is bounded: the environment is immutable (a template cannot change the data it is given, which
is a deep copy anyway), ``range`` is capped, strings built by ``*``, ``+``, ``~``, ``%`` and the
padding methods are capped, so are big integers and the total number of loop iterations; the
.docx's XML is read safely and counted before anything parses it (plans.importing.limits); and
every render runs in a child process with memory, CPU and wall-clock limits (documents.isolation).
"""

from __future__ import annotations

import contextvars
import copy
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import jinja2
from django.conf import settings
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from jinja2.runtime import markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from core.errors import ApplicationError
from plans.importing.limits import check_office_xml

from . import formatting
from .isolation import Limits, run_limited

TEMPLATE_UNSAFE = "Mẫu văn bản có lệnh không được phép ({detail}); văn bản chưa được tạo."
TEMPLATE_SYNTAX = "Mẫu văn bản sai cú pháp ở dòng {line}: {detail}."
TEMPLATE_UNKNOWN = "Mẫu văn bản dùng biến không có trong dữ liệu: {names}."
TEMPLATE_FAILED = "Không tạo được văn bản từ mẫu: {detail}."
TEMPLATE_RANGE = "Mẫu văn bản dùng range với {count} phần tử, vượt mức cho phép {limit}."
TEMPLATE_STRING = "Mẫu văn bản tạo chuỗi dài {size} ký tự, vượt mức cho phép {limit} ký tự."
TEMPLATE_INTEGER = "Mẫu văn bản tạo số nguyên quá lớn (vượt {digits} chữ số)."
TEMPLATE_LOOPS = "Mẫu văn bản chạy quá {limit} lượt lặp; hãy bớt các vòng lặp lồng nhau."
TEMPLATE_WIDTH = "Mẫu văn bản định dạng chuỗi với độ rộng quá lớn (tối đa {limit} ký tự)."
TEMPLATE_RECURSION = "Mẫu văn bản gọi lồng nhau quá sâu."
MAX_RANGE = 10_000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_STRING = 1_000_000
MAX_INT_BITS = 256  # about 77 digits: far above any amount a document prints
MAX_INT_DIGITS = 77
MAX_LOOP_ITERATIONS = 200_000
WIDTH = re.compile(r"%[-#0 +]*(\d{5,}|\*)|\.(\d{5,})")
PADDING_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}
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


_ITERATIONS: contextvars.ContextVar[list[int]] = contextvars.ContextVar("template_iterations")


def _count_iterations(iterable):
    """Every loop of a template goes through here (see BoundedSandbox._parse): one budget per render."""
    counter = _ITERATIONS.get(None)
    if counter is None:
        counter = [0]
        _ITERATIONS.set(counter)
    for item in iterable:
        counter[0] += 1
        if counter[0] > MAX_LOOP_ITERATIONS:
            raise ApplicationError(TEMPLATE_LOOPS.format(limit=formatting.number_vn(MAX_LOOP_ITERATIONS)))
        yield item


def _refuse_size(size: int):
    raise ApplicationError(
        TEMPLATE_STRING.format(size=formatting.number_vn(size), limit=formatting.number_vn(MAX_STRING))
    )


def _check_size(value):
    if isinstance(value, str | list | tuple) and len(value) > MAX_STRING:
        _refuse_size(len(value))
    return value


def _check_int(value):
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise ApplicationError(TEMPLATE_INTEGER.format(digits=MAX_INT_DIGITS))
    return value


def _sized(value) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _replaced_size(text: str, old, new) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return 0
    return len(text) + len(new) * (text.count(old) if old else len(text) + 1)


def _bounded_range(*args):
    try:
        count = len(range(*args))
    except (TypeError, OverflowError, ValueError):
        count = MAX_RANGE + 1 if all(isinstance(a, int) for a in args) else None
        if count is None:
            raise
    if count > MAX_RANGE:
        raise ApplicationError(
            TEMPLATE_RANGE.format(count=formatting.number_vn(count), limit=formatting.number_vn(MAX_RANGE))
        )
    return range(*args)


def _bounded_concat(items):
    size = sum(len(str(item)) for item in items)
    if size > MAX_STRING:
        _refuse_size(size)
    return markup_join(items)


def _check_width(fmt) -> None:
    if isinstance(fmt, str) and WIDTH.search(fmt):
        raise ApplicationError(TEMPLATE_WIDTH.format(limit=formatting.number_vn(9999)))


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with caps on what one template may ask for."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise ApplicationError(TEMPLATE_INTEGER.format(digits=MAX_INT_DIGITS))
            elif isinstance(left, int) or isinstance(right, int):
                times, sequence = (left, right) if isinstance(left, int) else (right, left)
                if _sized(sequence) * max(times, 0) > MAX_STRING:
                    _refuse_size(_sized(sequence) * times)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            if right > 0 and right * left.bit_length() > MAX_INT_BITS:
                raise ApplicationError(TEMPLATE_INTEGER.format(digits=MAX_INT_DIGITS))
        elif operator == "+" and _sized(left) + _sized(right) > MAX_STRING:
            _refuse_size(_sized(left) + _sized(right))
        elif operator == "%":
            _check_width(left)
        return _check_int(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # the sandbox's own signature
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            if name in PADDING_METHODS and any(isinstance(a, int) and a > MAX_STRING for a in args):
                _refuse_size(MAX_STRING + 1)
            if name == "join":
                items = list(args[0]) if args else []
                size = len(owner) * len(items) + sum(_sized(item) for item in items)
                if size > MAX_STRING:
                    _refuse_size(MAX_STRING + 1)
                args = (items,)
            if name == "replace" and len(args) >= 2 and _replaced_size(owner, args[0], args[1]) > MAX_STRING:
                _refuse_size(_replaced_size(owner, args[0], args[1]))
            if name == "format":
                _check_width(owner.replace("{", "%").replace(":", "."))
        return __self.sandboxed_call(__context, __obj, *args, **kwargs)

    def sandboxed_call(self, context, obj, *args, **kwargs):
        return super().call(context, obj, *args, **kwargs)

    def _parse(self, source, name, filename):
        return _Bounds().visit(super()._parse(source, name, filename))


class _Bounds(NodeTransformer):
    """Route every loop through the iteration budget, and every ``~`` through the size check."""

    def visit_For(self, node):
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_kehoach_loop", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node):
        node = self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(items, "_kehoach_concat", [], [], None, None, lineno=node.lineno)


def _bounded_filter(filter_func, *, width_arg: int | None = None, fmt: bool = False):
    def bounded(value, *args, **kwargs):
        width = args[width_arg] if width_arg is not None and len(args) > width_arg else None
        if isinstance(width, int) and width > MAX_STRING:
            _refuse_size(width)
        if fmt:
            _check_width(value)
        return _check_size(filter_func(value, *args, **kwargs))

    return bounded


def _environment() -> BoundedSandbox:
    env = BoundedSandbox(autoescape=True, undefined=_StrictUndefined, loader=None)
    env.globals = {"range": _bounded_range}
    env.filters.update(formatting.FILTERS)
    env.filters["center"] = _bounded_filter(env.filters["center"], width_arg=0)
    env.filters["indent"] = _bounded_filter(env.filters["indent"], width_arg=0)
    env.filters["format"] = _bounded_filter(env.filters["format"], fmt=True)
    env.filters["join"] = _bounded_filter(env.filters["join"])
    env.filters["replace"] = _bounded_filter(env.filters["replace"])
    env.filters["_kehoach_loop"] = _count_iterations
    env.filters["_kehoach_concat"] = _bounded_concat
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


def render_limits() -> Limits:
    return Limits(
        wall_seconds=getattr(settings, "DOCUMENT_RENDER_SECONDS", 30),
        cpu_seconds=getattr(settings, "DOCUMENT_RENDER_CPU_SECONDS", 20),
        memory_mb=getattr(settings, "DOCUMENT_RENDER_MEMORY_MB", 768),
    )


_XML_CHECKED: dict[str, bool] = {}


def _check_xml(data: bytes) -> None:
    """Stream-read and count the template's XML once per content (no DTD, bounded elements)."""
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _XML_CHECKED:
        check_office_xml(data, name="mẫu văn bản")
        _XML_CHECKED[digest] = True
        if len(_XML_CHECKED) > 256:
            _XML_CHECKED.pop(next(iter(_XML_CHECKED)))


def render_docx(data: bytes, context: dict) -> bytes:
    """Render template bytes with ``context`` in a child process with memory, CPU and time limits.

    Unsafe, broken or too costly templates are refused with a message that says what was wrong.
    """
    _check_xml(data)
    template_inspect(data)  # parsed once per content here, so the forked child finds it cached
    return run_limited(_render_here, data, context, limits=render_limits())


def _render_here(data: bytes, context: dict) -> bytes:
    check = template_inspect(data)
    if check.problems:
        raise ApplicationError(check.problems[0], problems=check.problems)
    unknown = sorted(check.variables - set(context))
    if unknown:
        raise ApplicationError(TEMPLATE_UNKNOWN.format(names=", ".join(unknown)), problems=unknown)
    context = copy.deepcopy(context)  # what a template does cannot reach the caller's data
    _ITERATIONS.set([0])
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.render(context, jinja_env=ENV, autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise ApplicationError(TEMPLATE_UNSAFE.format(detail=_plain(str(exc)))) from exc
    except jinja2.UndefinedError as exc:
        raise ApplicationError(TEMPLATE_UNKNOWN.format(names=_plain(exc.message))) from exc
    except jinja2.TemplateError as exc:
        raise ApplicationError(TEMPLATE_FAILED.format(detail=_plain(str(exc)))) from exc
    except RecursionError as exc:
        raise ApplicationError(TEMPLATE_RECURSION) from exc
    except (TypeError, ValueError, AttributeError, OverflowError, ArithmeticError) as exc:
        raise ApplicationError(TEMPLATE_FAILED.format(detail=_plain(str(exc)))) from exc
    trailing_empty_sections_drop(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return normalize_zip(out.getvalue())


PICTURES = ("}drawing", "}pict", "}object", "}tbl", "}br")


def _has_content(element) -> bool:
    """Text, a picture, a table or a page break: anything that puts something on a page."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue  # comments and processing instructions
        if (node.tag.endswith("}t") and node.text) or node.tag.endswith(PICTURES):
            return True
    return False


def trailing_empty_sections_drop(document) -> None:
    """Remove sections left empty at the end (a plan without appendices leaves its landscape one).

    A section ends in a paragraph carrying its ``w:sectPr``; the body's own ``w:sectPr`` describes the
    last one. When nothing but empty paragraphs follows the last break, the break's properties become
    the body's and the empty paragraphs go: the document ends on the last page that has text.
    """
    body = document.element.body
    while True:
        children = [child for child in body.iterchildren() if not child.tag.endswith("}sectPr")]
        breaks = [
            i for i, child in enumerate(children) if child.find(f"{{{W}}}pPr/{{{W}}}sectPr") is not None
        ]
        if not breaks:
            return
        last = breaks[-1]
        if any(_has_content(child) for child in children[last + 1 :]):
            return
        for child in children[last + 1 :]:
            body.remove(child)
        carrier = children[last]
        properties = carrier.find(f"{{{W}}}pPr/{{{W}}}sectPr")
        properties.getparent().remove(properties)
        body.remove(body.find(f"{{{W}}}sectPr"))
        body.append(properties)
        if not _has_content(carrier):
            body.remove(carrier)


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
