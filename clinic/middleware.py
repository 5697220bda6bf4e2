"""Request middleware of the practice-wide app."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.kept_forms import keep_typed
from clinic.second_factor import needs_enrolment, second_factor_suffices
from clinic.security import AUTHENTICATED_AT_SESSION_KEY, LAST_SEEN_SESSION_KEY


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


class PermissionsPolicyMiddleware:
    """Switch off browser features the app never uses (camera, microphone, location, payment, USB)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def idle_limit_seconds(user) -> int:
    """Return how long a session of `user` may go without activity."""
    return settings.SESSION_IDLE_TIMEOUT_PATIENT if user.is_patient else settings.SESSION_IDLE_TIMEOUT_STAFF


class SessionTimeoutMiddleware:
    """End a session after inactivity (15 minutes for staff, 30 for patients) and 12 hours after login.

    The last activity is written at most once a minute, so that not every request writes the session.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = timezone.now().timestamp()
        started = session.setdefault(AUTHENTICATED_AT_SESSION_KEY, now)
        last_seen = session.setdefault(LAST_SEEN_SESSION_KEY, now)
        idle_limit = idle_limit_seconds(request.user)
        if now - last_seen > idle_limit or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
            self.end(request, idle=now - started <= settings.SESSION_ABSOLUTE_TIMEOUT)
        elif now - last_seen >= self.TOUCH_EVERY:
            session[LAST_SEEN_SESSION_KEY] = now

    def end(self, request, *, idle):
        record_access(
            request,
            action=AccessAction.TIMEOUT,
            part=RecordPart.SESSION,
            detail="idle timeout" if idle else "absolute session limit",
        )
        request.clinic_timed_out = True
        user_id, idle_minutes = request.user.pk, idle_limit_seconds(request.user) // 60
        logout(request)
        if request.method == "POST" and keep_typed(request, user_id=user_id):
            if idle:
                message = _(
                    "Your session ended after %(minutes)s minutes without activity. "
                    "Please log in again; what you typed is kept."
                ) % {"minutes": idle_minutes}
            else:
                message = _("Your session has ended. Please log in again; what you typed is kept.")
            messages.info(request, message)
            return
        messages.info(request, _("Your session has ended. Please log in again."))


class SecondFactorRequiredMiddleware:
    """Send a user who passed only the password step to the second factor, whatever page they ask for.

    Checked on every request against the role as it is now: staff whose session was verified with
    an e-mailed code are sent to their authenticator app too. Only views marked login_not_required
    (login, password reset, health check) or second_factor_not_required (the second-factor pages and
    logout) are let through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or second_factor_suffices(user):
            return None
        if not getattr(view_func, "login_required", True) or not getattr(view_func, "second_factor_required", True):
            return None
        target = "two_factor_setup" if needs_enrolment(user) else "two_factor_verify"
        return redirect_to_login(request.get_full_path(), reverse(target))
