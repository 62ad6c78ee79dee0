from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from project.api import ApiView, paginated_response
from units.selectors import unit_list_for_user


class UnitListApi(ApiView, APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        code = serializers.CharField()
        name = serializers.CharField()
        short_name = serializers.CharField()
        kind = serializers.CharField()
        parent = serializers.CharField(source="parent.code", allow_null=True)
        is_active = serializers.BooleanField()

    @extend_schema(
        summary="Đơn vị được xem",
        responses=OutputSerializer(many=True),
        tags=["units"],
    )
    def get(self, request):
        units = unit_list_for_user(request.user).select_related("parent").order_by("code")
        return paginated_response(
            serializer_class=self.OutputSerializer, queryset=units, request=request, view=self
        )
