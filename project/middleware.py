from django.conf import settings
from django.http import Http404
from django.utils import translation

from core.errors import is_out_of_range


class ChosenLanguageMiddleware:
    """Vietnamese unless the user picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; an
    office PC set up in English must still get the Vietnamese interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class OutOfRangeIdMiddleware:
    """A number too large for any id (400 digits in an address or a filter) is "not found", not a 500.

    Django already answers most lookups by such an id with "no row"; this catches the rest
    (a foreign key filter on SQLite, a raw comparison on PostgreSQL) for every screen. The API
    maps the same errors in ``project.api.exception_handler``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_out_of_range(exception):
            raise Http404("out of range") from exception
        return None
