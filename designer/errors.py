"""Error pages: the API's one JSON error shape under /api/, friendly pages elsewhere.

DRF formats errors raised inside API views; these handlers cover what happens
outside them (an unknown /api/ URL, a crash), so clients never get HTML there.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

MESSAGES = {
    400: ("bad_request", "The request could not be understood."),
    403: ("permission_denied", "You do not have permission to do this."),
    404: ("not_found", "Not found."),
    500: ("server_error", "Something went wrong on our side; it has been logged."),
}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(status: int) -> JsonResponse:
    code, detail = MESSAGES[status]
    body = {"status": status, "code": code, "detail": detail, "errors": []}
    return JsonResponse(body, status=status)


def _page(request: HttpRequest, status: int, exception=None) -> HttpResponse:
    if _is_api(request):
        return _api_error(status)
    reason = str(exception) if status == 403 and exception and str(exception) else None
    context = {"status": status, "detail": reason or MESSAGES[status][1]}
    return render(request, "errors/error.html", context, status=status)


def bad_request(request, exception):
    return _page(request, 400, exception)


def permission_denied(request, exception):
    return _page(request, 403, exception)


def not_found(request, exception):
    return _page(request, 404, exception)


def server_error(request):
    if _is_api(request):
        return _api_error(500)
    # No request context: the failure may come from the database or a context processor.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
