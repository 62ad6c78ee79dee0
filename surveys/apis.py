"""API endpoints for surveys: campaigns, their index, and questionnaires posted in bulk by one-stop systems.

A one-stop system posts with a unit token carrying the ``survey_responses`` scope; the
token's unit must be in the campaign's scope. A batch is stored all together or not at
all, and an ``external_id`` already received is acknowledged, not stored twice.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from core.errors import AccessDenied, ApplicationError, DomainError
from project.api import ApiView, ErrorSerializer, error_responses, paginated_response
from units.models import ApiToken, Unit

from .index import index_as_dict, index_compute, period_parse
from .models import Campaign, Channel, Response, Service
from .selectors import access_campaign_by_id, campaign_list_for_user
from .services import Draft, response_frame, responses_check, responses_write

MAX_BATCH = 500
MSG_NOT_IN_SCOPE = "Đơn vị {unit} không thuộc phạm vi đợt khảo sát này."
MSG_BATCH_ERRORS = "Có {count} phiếu không hợp lệ; chưa lưu phiếu nào."
MSG_BAD_DATE = "submitted_at không đúng dạng ISO 8601."
MSG_UNKNOWN_UNIT = "Không có đơn vị mã «{unit}»."
MSG_UNKNOWN_SERVICE = "Dịch vụ «{service}» không thuộc đợt khảo sát."


class SurveyListApi(ApiView, APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        plan = serializers.IntegerField(source="plan_id")
        frequency = serializers.CharField()
        period_start = serializers.DateField()
        period_end = serializers.DateField()
        response_count = serializers.IntegerField()

    @extend_schema(
        summary="Đợt khảo sát được xem",
        responses={200: OutputSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request):
        campaigns = campaign_list_for_user(request.user).order_by("-period_start", "id")
        return paginated_response(
            serializer_class=self.OutputSerializer, queryset=campaigns, request=request, view=self
        )


class SurveyIndexApi(ApiView, APIView):
    class FilterSerializer(serializers.Serializer):
        period = serializers.CharField(required=False, help_text="Ví dụ 2023-Q1, 2023-03, 2023")
        by = serializers.ChoiceField(choices=["unit", "criterion"], required=False, default="unit")

        def validate_period(self, value):
            try:
                period_parse(value)
            except (ValueError, KeyError):
                raise serializers.ValidationError(
                    "Kỳ không hợp lệ; ví dụ 2023-Q1, 2023-03 hoặc 2023."
                ) from None
            return value

    @extend_schema(
        summary="Chỉ số hài lòng",
        parameters=[FilterSerializer],
        responses={200: OpenApiTypes.OBJECT, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request, campaign_id: int):
        campaign = access_campaign_by_id(request.user, campaign_id)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        by_unit = filters.validated_data["by"] == "unit"
        result = index_compute(
            campaign=campaign, by_unit=by_unit, period=filters.validated_data.get("period")
        )
        names = dict(Unit.objects.filter(id__in=campaign.scope.values("unit_id")).values_list("id", "name"))
        return ApiResponse(index_as_dict(result, campaign=campaign, unit_names=names))


class SurveyResponseBulkApi(ApiView, APIView):
    token_scope = ApiToken.Scope.SURVEY_RESPONSES

    class InputSerializer(serializers.Serializer):
        class Item(serializers.Serializer):
            external_id = serializers.CharField(max_length=1000, required=False, allow_blank=True)
            unit = serializers.CharField(
                required=False, help_text="Mã đơn vị; mặc định là đơn vị của mã truy cập"
            )
            service = serializers.CharField(required=False, allow_blank=True)
            respondent_type = serializers.CharField(required=False, allow_blank=True)
            channel = serializers.CharField(
                required=False,
                default=Channel.ONE_STOP,
                max_length=20,
                help_text="Một trong: " + ", ".join(Channel.values),
            )
            submitted_at = serializers.CharField(required=False)
            answers = serializers.DictField()

        responses = Item(many=True, allow_empty=False, max_length=MAX_BATCH)

    @extend_schema(
        summary="Gửi nhiều phiếu khảo sát (hệ thống một cửa)",
        request=InputSerializer,
        responses={
            200: inline_serializer(
                "SurveyBulkResult",
                {
                    "created": serializers.IntegerField(),
                    "already_received": serializers.ListField(child=serializers.CharField()),
                },
            ),
            **error_responses(400, 401, 403, 404),
            409: OpenApiResponse(ErrorSerializer, description="Phiếu cùng mã vừa được lưu bởi lần gửi khác"),
        },
    )
    def post(self, request, campaign_id: int):
        campaign = self._campaign(request, campaign_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = data.validated_data["responses"]
        received = self._received(campaign, items)
        drafts, positions, errors = [], [], {}
        for index, item in enumerate(items):
            if item.get("external_id") in received:
                continue  # acknowledged, not stored twice
            try:
                drafts.append(self._draft(request, campaign, item))
            except DomainError as error:
                errors[index] = error.problems or [error.message]
                continue
            positions.append(index)
        frame = response_frame(campaign)
        for index, problems in zip(positions, responses_check(frame=frame, drafts=drafts), strict=True):
            if problems:
                errors[index] = problems
        if errors:
            raise ApplicationError(
                MSG_BATCH_ERRORS.format(count=len(errors)),
                problems=[f"Phiếu {i}: {'; '.join(m)}" for i, m in sorted(errors.items())],
            )
        stored = responses_write(frame=frame, drafts=drafts) if drafts else []  # a race: 409
        return ApiResponse(
            {"created": len(stored), "already_received": sorted(received)}, status=status.HTTP_200_OK
        )

    @staticmethod
    def _campaign(request, campaign_id: int) -> Campaign:
        """A token reaches the campaigns covering its unit; a person, those they manage (404 otherwise)."""
        if isinstance(request.auth, ApiToken):
            campaign = Campaign.objects.filter(pk=campaign_id, scope__unit_id=request.auth.unit_id).first()
            if campaign is None:
                raise Http404
            return campaign
        return access_campaign_by_id(request.user, campaign_id, manage=True)

    @staticmethod
    def _received(campaign: Campaign, items) -> set[str]:
        ids = {item.get("external_id") for item in items if item.get("external_id")}
        return set(
            Response.objects.filter(campaign=campaign, external_id__in=ids).values_list(
                "external_id", flat=True
            )
        )

    def _unit(self, request, campaign: Campaign, code: str | None) -> Unit:
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token and (not code or code == token.unit.code):
            return token.unit
        if token:
            raise AccessDenied(MSG_NOT_IN_SCOPE.format(unit=code))
        unit = Unit.objects.filter(code=code).first() if code else None
        if unit is None:
            raise ApplicationError(MSG_UNKNOWN_UNIT.format(unit=code or "—"))
        return unit

    def _draft(self, request, campaign: Campaign, item: dict) -> Draft:
        """Resolve codes to records; every rule on the questionnaire is the service's to check."""
        unit = self._unit(request, campaign, item.get("unit"))
        submitted_at = timezone.now()
        if item.get("submitted_at"):
            submitted_at = parse_datetime(item["submitted_at"])
            if submitted_at is None:
                raise ApplicationError(MSG_BAD_DATE)
            if timezone.is_naive(submitted_at):
                submitted_at = timezone.make_aware(submitted_at)
        service = None
        if item.get("service"):
            service = Service.objects.filter(campaign=campaign, code=item["service"]).first()
            if service is None:
                raise ApplicationError(MSG_UNKNOWN_SERVICE.format(service=item["service"]))
        return Draft(
            unit=unit,
            submitted_at=submitted_at,
            channel=item.get("channel") or Channel.ONE_STOP,
            answers=item["answers"],
            service=service,
            respondent_type=item.get("respondent_type", ""),
            external_id=item.get("external_id") or None,
        )
