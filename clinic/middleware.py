"""Request middleware of the practice-wide app."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PracticeLanguageMiddleware:
    """Speak Dutch unless the user chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch practice wants
    Dutch on every screen until someone asks otherwise, so only the language cookie counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
