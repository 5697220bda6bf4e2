"""Friendly error pages; an unreachable database answers 503 with Retry-After instead of 500.

The pages for 400, 500 and 503 render without the request context, so that showing them needs no
database (the navigation would ask for the user).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def _plain(template_name, status):
    return HttpResponse(loader.get_template(template_name).render(), status=status)


def bad_request(request, exception, template_name="400.html"):
    """Answer a malformed request without hinting at the cause."""
    return _plain(template_name, 400)


def permission_denied(request, exception, template_name="403.html"):
    """Say the page is not for this user, inside the normal layout."""
    return defaults.permission_denied(request, exception, template_name=template_name)


def page_not_found(request, exception, template_name="404.html"):
    """Say the page does not exist, inside the normal layout."""
    return defaults.page_not_found(request, exception, template_name=template_name)


def database_unavailable(request=None):
    """Tell the user the app is briefly unavailable and when to try again."""
    response = _plain("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name="500.html"):
    """Answer 503 when the database is unreachable, else a plain 500 page without any detail."""
    _type, exception, _traceback = sys.exc_info()
    if isinstance(exception, DATABASE_DOWN) or isinstance(getattr(exception, "__cause__", None), DATABASE_DOWN):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template(template_name).render())


def csrf_failure(request, reason=""):
    """Explain an expired or missing form token without Django's technical page."""
    return HttpResponse(loader.get_template("403_csrf.html").render(), status=403)
