from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class LanguageByChoiceMiddleware:
    """The page language is Finnish unless the user has chosen Swedish or English with the switch.

    Browsers' Accept-Language headers are ignored: on a shared office computer set to English, a
    Finnish official would otherwise get a language they never chose. Placed before LocaleMiddleware,
    which then reads only the language cookie and falls back to LANGUAGE_CODE (fi).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
