"""The OpenAPI schema class used by drf-spectacular (REST_FRAMEWORK DEFAULT_SCHEMA_CLASS)."""

from drf_spectacular import openapi


class AutoSchema(openapi.AutoSchema):
    """Name nested serializers after their endpoint: DeliverableListApi.OutputSerializer →
    DeliverableListOutput, so every endpoint's InputSerializer/OutputSerializer stays distinct."""

    def _get_serializer_name(self, serializer, direction, bypass_extensions=False):
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        serializer_class = serializer if isinstance(serializer, type) else type(serializer)
        qualname = serializer_class.__qualname__
        if "." not in qualname or "<locals>" in qualname:
            return name
        generated = qualname.replace("Api.", ".").replace("Serializer", "").replace(".", "")
        return name.replace(serializer_class.__name__.removesuffix("Serializer"), generated, 1)
