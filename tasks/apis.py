"""API endpoints for plans, tasks and deliverables: validate → one selector or service → serialize.

Plans live here rather than in plans/ because who may read a plan is decided in
tasks.selectors (a unit sees the issued plans it takes part in).
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import DB_ID_MAX
from plans.models import Plan
from project.api import ApiView, Pagination, error_responses, paginated_response
from units.apis.permissions import SESSION_ONLY
from units.models import ApiToken

from .events.deliverables import DeliverableEvent
from .filters import deliverable_list_filtered, task_list_for_user
from .models import Deliverable, ExtensionRequest
from .plan_json import plan_detail, plan_summary_rows, with_task_counts
from .selectors import (
    access_deliverable_by_id,
    access_plan_by_id,
    deliverable_count_for_user,
    plan_list_for_user,
)
from .services.deliverables import (
    deliverable_accept,
    deliverable_approve,
    deliverable_report_progress,
    deliverable_return,
    deliverable_send_back,
    deliverable_submit,
    deliverable_waive,
)
from .services.extensions import extension_request

ERRORS = error_responses(400, 401, 403, 404)
EVENT_LABELS = dict(DeliverableEvent.choices)


# ----- plans and tasks -----------------------------------------------------------------


class PlanListApi(ApiView, APIView):
    class FilterSerializer(serializers.Serializer):
        state = serializers.ChoiceField(choices=Plan.State.choices, required=False)
        year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        symbol = serializers.CharField()
        issuer = serializers.CharField(help_text="Mã đơn vị ban hành")
        year = serializers.IntegerField()
        title = serializers.CharField()
        state = serializers.CharField()
        task_count = serializers.IntegerField()
        deliverable_counts = serializers.DictField(child=serializers.IntegerField())

    @extend_schema(
        summary="Kế hoạch được xem",
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        tags=["plans"],
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        plans = plan_list_for_user(request.user).filter(**filters.validated_data)
        paginator = Pagination()
        page = paginator.paginate_queryset(with_task_counts(plans), request, view=self)
        rows = plan_summary_rows(page)
        return paginator.get_paginated_response(self.OutputSerializer(rows, many=True).data)


class PlanDetailApi(ApiView, APIView):
    @extend_schema(
        summary="Kế hoạch và bảng nhiệm vụ (định dạng JSON như lệnh show_plan)",
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        tags=["plans"],
    )
    def get(self, request, plan_id: int):
        return Response(plan_detail(access_plan_by_id(request.user, plan_id)))


class TaskListApi(ApiView, APIView):
    class FilterSerializer(serializers.Serializer):
        plan = serializers.IntegerField(required=False, min_value=1, max_value=DB_ID_MAX)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        plan = serializers.IntegerField(source="plan_id")
        section = serializers.CharField(source="section.label", allow_null=True)
        order = serializers.CharField(source="order_label")
        content = serializers.CharField()
        expected_result = serializers.CharField()
        responsibility_text = serializers.CharField()
        deadline_text = serializers.CharField()
        requires_evidence = serializers.BooleanField()
        evidence_note = serializers.CharField()
        lead_units = serializers.SerializerMethodField()
        coordinating_units = serializers.SerializerMethodField()

        def get_lead_units(self, task) -> list[str]:
            return [a.unit.code for a in task.assignments.all() if a.role == "lead"]

        def get_coordinating_units(self, task) -> list[str]:
            return [a.unit.code for a in task.assignments.all() if a.role == "coordinating"]

    @extend_schema(
        summary="Nhiệm vụ của các kế hoạch được xem",
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        tags=["tasks"],
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        tasks = task_list_for_user(user=request.user, **filters.validated_data)
        return paginated_response(
            serializer_class=self.OutputSerializer, queryset=tasks, request=request, view=self
        )


# ----- deliverables ----------------------------------------------------------------------


class _DeliverableFields(serializers.Serializer):
    id = serializers.IntegerField()
    plan = inline_serializer(
        "DeliverablePlan",
        {
            "id": serializers.IntegerField(),
            "symbol": serializers.CharField(),
            "title": serializers.CharField(),
        },
        source="task.plan",
    )
    task = inline_serializer(
        "DeliverableTask",
        {
            "id": serializers.IntegerField(),
            "order": serializers.CharField(source="full_label"),
            "content": serializers.CharField(),
        },
    )
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    due_date = serializers.DateField()
    original_due_date = serializers.DateField()
    period_label = serializers.CharField()
    state = serializers.CharField()
    state_display = serializers.CharField(source="get_state_display")
    timeliness = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    is_overdue = serializers.SerializerMethodField()

    def get_is_overdue(self, deliverable) -> bool:
        return deliverable.is_overdue(self.context["today"])


class _PersonField(serializers.CharField):
    def to_representation(self, user):
        return user.get_full_name() or user.username


class DeliverableListApi(ApiView, APIView):
    class FilterSerializer(serializers.Serializer):
        unit = serializers.CharField(required=False, max_length=40, help_text="Mã đơn vị")
        state = serializers.ChoiceField(choices=Deliverable.State.choices, required=False)
        due_before = serializers.DateField(required=False, help_text="Hạn đến hết ngày này")
        due_after = serializers.DateField(required=False, help_text="Hạn từ ngày này trở đi")
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
        plan = serializers.IntegerField(required=False, min_value=1, max_value=DB_ID_MAX)

    class OutputSerializer(_DeliverableFields):
        pass

    @extend_schema(
        summary="Nghĩa vụ báo cáo được xem, có bộ lọc",
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        tags=["deliverables"],
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        today = timezone.localdate()
        chosen = {name: value for name, value in filters.validated_data.items() if value is not None}
        deliverables = deliverable_list_filtered(user=request.user, today=today, **chosen)
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=deliverables,
            request=request,
            view=self,
            context={"request": request, "today": today},
            # Unfiltered, the summaries know how many there are: no COUNT over every obligation.
            count=None if chosen else deliverable_count_for_user(request.user, today),
        )


class DeliverableDetailApi(ApiView, APIView):
    class OutputSerializer(_DeliverableFields):
        class EvidenceSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            name = serializers.CharField(source="original_name")
            size = serializers.IntegerField()
            content_type = serializers.CharField()
            sha256 = serializers.CharField()
            uploaded_at = serializers.DateTimeField()

        class ReportSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            author = _PersonField()
            text = serializers.CharField()
            percent_done = serializers.IntegerField()
            is_submission = serializers.BooleanField()
            created_at = serializers.DateTimeField()

        class HistorySerializer(serializers.Serializer):
            name = serializers.CharField()
            label = serializers.SerializerMethodField(help_text="Tên thao tác (tiếng Việt)")
            source = serializers.CharField()
            target = serializers.CharField()
            actor = _PersonField(allow_null=True)
            at = serializers.DateTimeField()
            comment = serializers.CharField()

            def get_label(self, row) -> str:
                return str(EVENT_LABELS.get(row.name, row.name))

        class ExtensionSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            state = serializers.CharField()
            current_due_date = serializers.DateField()
            requested_due_date = serializers.DateField()
            reason = serializers.CharField()
            requested_at = serializers.DateTimeField()
            decided_at = serializers.DateTimeField(allow_null=True)
            decision_comment = serializers.CharField()

        expected_result = serializers.CharField(source="task.expected_result")
        requires_evidence = serializers.BooleanField(source="task.requires_evidence")
        evidence_note = serializers.CharField(source="task.evidence_note")
        reports = ReportSerializer(many=True)
        files = EvidenceSerializer(many=True, source="evidence")
        history = HistorySerializer(many=True, source="transitions")
        extension_requests = ExtensionSerializer(many=True)

    @extend_schema(
        summary="Một nghĩa vụ: báo cáo, tệp, lịch sử, đề nghị gia hạn",
        responses={200: OutputSerializer, **ERRORS},
        tags=["deliverables"],
    )
    def get(self, request, deliverable_id: int):
        deliverable = access_deliverable_by_id(request.user, deliverable_id)
        return Response(deliverable_detail_data(deliverable, request))


def deliverable_detail_data(deliverable: Deliverable, request) -> dict:
    """The detail body, re-read from the database (after an action, the new state)."""
    deliverable = (
        Deliverable.objects.select_related("task__plan", "task__section", "unit")
        .prefetch_related("reports__author", "evidence", "transitions__actor", "extension_requests")
        .get(pk=deliverable.pk)
    )
    context = {"request": request, "today": timezone.localdate()}
    return DeliverableDetailApi.OutputSerializer(deliverable, context=context).data


class _DeliverableActionApi(ApiView, APIView):
    """Fetch the deliverable within the caller's scope, run one service, return the detail."""

    token_scope = SESSION_ONLY

    def post(self, request, deliverable_id: int):
        deliverable = access_deliverable_by_id(request.user, deliverable_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform(deliverable=deliverable, actor=request.user, **serializer.validated_data)
        return Response(deliverable_detail_data(deliverable, request))


def _action_schema(summary: str):
    """Document the action's inherited ``post`` with its own summary and InputSerializer."""

    def decorate(view_class):
        return extend_schema_view(
            post=extend_schema(
                summary=summary,
                request=view_class.InputSerializer,
                responses={200: DeliverableDetailApi.OutputSerializer, **ERRORS},
                tags=["deliverables"],
            )
        )(view_class)

    return decorate


@_action_schema("Gửi báo cáo (kèm tệp)")
class DeliverableSubmitApi(_DeliverableActionApi):
    token_scope = ApiToken.Scope.REPORT
    parser_classes = (MultiPartParser, FormParser, JSONParser)

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=20000)
        percent_done = serializers.IntegerField(min_value=0, max_value=100, default=100)
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @staticmethod
    def perform(**kwargs):
        deliverable_submit(**kwargs)


@_action_schema("Cập nhật tiến độ (không gửi Nội vụ)")
class DeliverableProgressApi(_DeliverableActionApi):
    token_scope = ApiToken.Scope.REPORT
    parser_classes = (MultiPartParser, FormParser, JSONParser)

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=20000)
        percent_done = serializers.IntegerField(min_value=0, max_value=100)
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @staticmethod
    def perform(**kwargs):
        deliverable_report_progress(**kwargs)


class DeliverableExtensionApi(ApiView, APIView):
    token_scope = ApiToken.Scope.REPORT

    class InputSerializer(serializers.Serializer):
        requested_due_date = serializers.DateField()
        reason = serializers.CharField(max_length=5000)

    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = ExtensionRequest
            fields = ["id", "state", "current_due_date", "requested_due_date", "reason", "requested_at"]

    @extend_schema(
        summary="Đề nghị gia hạn",
        request=InputSerializer,
        responses={201: OutputSerializer, **ERRORS},
        tags=["deliverables"],
    )
    def post(self, request, deliverable_id: int):
        deliverable = access_deliverable_by_id(request.user, deliverable_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = extension_request(deliverable=deliverable, actor=request.user, **serializer.validated_data)
        return Response(self.OutputSerializer(created).data, status=status.HTTP_201_CREATED)


@_action_schema("Nội vụ chấp nhận báo cáo")
class DeliverableAcceptApi(_DeliverableActionApi):
    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)

    @staticmethod
    def perform(**kwargs):
        deliverable_accept(**kwargs)


@_action_schema("Nội vụ trả lại báo cáo (cần lý do)")
class DeliverableReturnApi(_DeliverableActionApi):
    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(allow_blank=True, max_length=5000)

    @staticmethod
    def perform(**kwargs):
        deliverable_return(**kwargs)


@_action_schema("Nội vụ miễn thực hiện (cần lý do)")
class DeliverableWaiveApi(_DeliverableActionApi):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(allow_blank=True, max_length=5000)

    @staticmethod
    def perform(**kwargs):
        deliverable_waive(**kwargs)


@_action_schema("Lãnh đạo đơn vị duyệt, gửi Nội vụ")
class DeliverableApproveApi(_DeliverableActionApi):
    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)

    @staticmethod
    def perform(**kwargs):
        deliverable_approve(**kwargs)


@_action_schema("Lãnh đạo đơn vị trả lại cán bộ (cần lý do)")
class DeliverableSendBackApi(_DeliverableActionApi):
    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(allow_blank=True, max_length=5000)

    @staticmethod
    def perform(**kwargs):
        deliverable_send_back(**kwargs)
