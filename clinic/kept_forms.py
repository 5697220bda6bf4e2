"""What someone typed into a form when their session ended: kept through the login, given back once.

Only the fields of that one form are kept, in the new session, for the same page and the same account:
never the CSRF token, a password or an upload, and nothing at all past a size a typed form reaches.
"""

from django.http import QueryDict

KEPT_FORM_SESSION_KEY = "clinic_kept_form"
KEPT_FORM_MAX_CHARACTERS = 20_000
NEVER_KEPT = ("csrfmiddlewaretoken",)


def keep_typed(request, *, user_id) -> bool:
    """Keep the POSTed fields for `request.path` in the (new) session; return whether they were kept."""
    fields = {
        name: values
        for name, values in request.POST.lists()
        if name not in NEVER_KEPT and "password" not in name.lower()
    }
    if not fields or sum(len(value) for values in fields.values() for value in values) > KEPT_FORM_MAX_CHARACTERS:
        return False
    _keep(request, path=request.path, user_id=user_id, fields=fields)
    return True


def hand_on(request, data, *, path):
    """Keep what was taken for a page that only receives a form for the page that shows it (`path`)."""
    _keep(request, path=path, user_id=request.user.pk, fields=dict(data.lists()))


def _keep(request, *, path, user_id, fields):
    request.session[KEPT_FORM_SESSION_KEY] = {"path": path, "user": user_id, "fields": fields}


def take_typed(request) -> QueryDict | None:
    """Return, once, what was kept for this page and this user; anything kept for another page is dropped."""
    kept = request.session.pop(KEPT_FORM_SESSION_KEY, None)
    if not kept or kept["path"] != request.path or kept["user"] != request.user.pk:
        return None
    data = QueryDict(mutable=True)
    for name, values in kept["fields"].items():
        data.setlist(name, values)
    return data
