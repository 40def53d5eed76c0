"""Public, stable documents: the spec's JSON Schema."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from microservices.spec.schema import architecture_json_schema_text


@require_GET
@cache_control(public=True, max_age=3600)
def architecture_schema(request):
    response = HttpResponse(architecture_json_schema_text(), content_type="application/schema+json")
    response["Access-Control-Allow-Origin"] = "*"  # editors and validators fetch it cross-site
    return response
