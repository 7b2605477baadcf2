from django.shortcuts import render

from .errors import ActionRefused


class ActionRefusedMiddleware:
    """Turns a refused action into its message and a 4xx, for pages and htmx alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ActionRefused):
            return None
        if getattr(request, "htmx", False):
            response = render(
                request,
                "components/alert.html",
                {"message": exception.message, "level": "danger"},
                status=exception.status_code,
            )
            # Shown in the page's alert area, so the form the user typed in stays as it is.
            response["HX-Retarget"] = "#alerts"
            response["HX-Reswap"] = "innerHTML"
            return response
        return render(
            request,
            "refused.html",
            {"message": exception.message},
            status=exception.status_code,
        )
