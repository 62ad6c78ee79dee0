"""API plumbing shared by every app: one error body, pagination, the base view."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.errors import DomainError, is_out_of_range
from core.paging import IdsFirstPaginator
from units.apis.permissions import HasTokenScope

MSG_FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
MSG_NOT_FOUND = "Không tìm thấy."
MSG_INVALID = "Dữ liệu gửi lên không hợp lệ."
MSG_UNAUTHENTICATED = "Chưa xác thực: hãy đăng nhập hoặc gửi mã truy cập (Authorization: Token …)."
MSG_THROTTLED = "Quá nhiều yêu cầu. Hãy thử lại sau {wait} giây."
MSG_METHOD = "Phương thức {method} không được hỗ trợ ở địa chỉ này."
MSG_PARSE = "Không đọc được nội dung yêu cầu: {detail}"
MSG_MEDIA_TYPE = "Kiểu nội dung «{media_type}» không được hỗ trợ."
MSG_NOT_ACCEPTABLE = "Không trả được kết quả theo định dạng yêu cầu."


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    """The one shape of every API error: {"error": {"code", "message", "details"}}."""
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _message(exc: exceptions.APIException) -> tuple[str, str, dict]:
    """Return (code, Vietnamese message, details) for a DRF exception."""
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return "invalid", MSG_INVALID, detail
    if isinstance(exc, exceptions.NotAuthenticated):
        return "not_authenticated", MSG_UNAUTHENTICATED, {}
    if isinstance(exc, exceptions.AuthenticationFailed):
        return "authentication_failed", str(exc.detail), {}
    if isinstance(exc, exceptions.PermissionDenied):
        # DRF's own default text is English; our permission classes set Vietnamese ones.
        text = str(exc.detail)
        return "permission_denied", (MSG_FORBIDDEN if text == str(exc.default_detail) else text), {}
    if isinstance(exc, exceptions.NotFound):
        text = str(exc.detail)
        return "not_found", (MSG_NOT_FOUND if text == str(exc.default_detail) else text), {}
    if isinstance(exc, exceptions.Throttled):
        return "throttled", MSG_THROTTLED.format(wait=exc.wait or 1), {"wait_seconds": exc.wait}
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method_not_allowed", MSG_METHOD.format(method=exc.args[0] if exc.args else ""), {}
    if isinstance(exc, exceptions.ParseError):
        return "parse_error", MSG_PARSE.format(detail=exc.detail), {}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "unsupported_media_type", MSG_MEDIA_TYPE.format(media_type=exc.args[0] if exc.args else ""), {}
    if isinstance(exc, exceptions.NotAcceptable):
        return "not_acceptable", MSG_NOT_ACCEPTABLE, {}
    return exc.default_code, str(exc.detail), {}


def exception_handler(exc, context):
    """Turn domain and DRF errors into the one error body; anything else stays a 500."""
    if isinstance(exc, DomainError):
        # Each error names its code and status: invalid 400, permission_denied 403, conflict 409.
        set_rollback()
        details = {"problems": exc.problems} if exc.problems else {}
        return Response(error_body(exc.code, exc.message, details), status=exc.status)
    if isinstance(exc, Http404) or is_out_of_range(exc):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code, message, details = _message(exc)
    response.data = error_body(code, message, details)
    return response


class ErrorSerializer(serializers.Serializer):
    """Documents the error body in the schema."""

    class ErrorDetail(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField(help_text="Thông báo tiếng Việt, hiển thị được cho người dùng")
        details = serializers.DictField()

    error = ErrorDetail()


def error_responses(*codes: int) -> dict:
    descriptions = {
        400: "Dữ liệu không hợp lệ hoặc nghiệp vụ không cho phép",
        401: "Chưa xác thực",
        403: "Không có quyền",
        404: "Không tìm thấy",
        429: "Quá nhiều yêu cầu",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=descriptions[code]) for code in codes}


class Pagination(PageNumberPagination):
    django_paginator_class = IdsFirstPaginator  # a page's ids first, then its rows
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "Trang không tồn tại."


class ApiView:
    """Mixin for every endpoint: logged in (session or token) and within the token's scopes."""

    permission_classes = (IsAuthenticated, HasTokenScope)
    pagination_class = Pagination  # read by the schema generator for list endpoints


def paginated_response(*, serializer_class, queryset, request, view, context=None, count=None):
    """Paginate ``queryset`` and serialize the page (HackSoft's get_paginated_response).

    ``count``: the number of rows when a summary knows it (no COUNT over a long table).
    """
    paginator = Pagination()
    if count is not None:
        paginator.django_paginator_class = functools.partial(IdsFirstPaginator, count=count)
    page = paginator.paginate_queryset(queryset, request, view=view)
    serializer = serializer_class(page, many=True, context=context or {"request": request})
    return paginator.get_paginated_response(serializer.data)


class ApiDocsReaders(BasePermission):
    """The schema: for anyone signed in (session or token), for everyone when ``API_DOCS_PUBLIC``."""

    message = "Tài liệu API chỉ dành cho người đã đăng nhập."

    def has_permission(self, request, view) -> bool:
        return settings.API_DOCS_PUBLIC or bool(request.user and request.user.is_authenticated)


def api_docs_page(view):
    """The docs page in a browser: the login page first, unless the docs are configured public."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapper
