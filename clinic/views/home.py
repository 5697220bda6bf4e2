"""The role-aware home page, the health check and the benchmark's yardstick."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from clinic.cache import redis_status
from clinic.choices import Role
from clinic.models import User

ROLE_HOMES = {
    Role.PRACTICE_ADMIN: "clinic:account_list",
    Role.THERAPIST: "patients:dashboard",
    Role.PATIENT: "portal:home",
}


def home(request):
    """Send each user to the start page of their role."""
    user = request.user
    if user.role in ROLE_HOMES:
        return redirect(ROLE_HOMES[user.role])
    if user.is_superuser:
        return redirect("admin:index")
    return redirect("logout")


@login_not_required
@cache_control(max_age=60 * 60 * 24 * 7, public=True)
def favicon(request):
    """Serve the app's icon at the address every browser asks for, instead of a 404 on each page."""
    icon = finders.find("img/favicon.svg")
    return FileResponse(open(icon, "rb"), content_type="image/svg+xml")  # noqa: SIM115  (FileResponse closes it)


@login_not_required
def healthz(request):
    """Answer 200 while the database answers and 503 when it does not, saying how each part is.

    Redis is only a cache in front of the database, so without it the app still serves: "degraded", not down.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "down"
    lines = [f"database: {database}"]
    if (redis := redis_status()) is not None:
        lines.append(f"redis: {redis}")
    return HttpResponse(
        "".join(f"{line}\n" for line in lines), status=503 if database == "down" else 200, content_type="text/plain"
    )


class BenchmarkReferenceView(TemplateView):
    """A yardstick for `make bench`: one indexed query and a 50-row table, nothing else.

    Routed only when BENCHMARK_REFERENCE_VIEW is set; it shows names only to a practice admin.
    """

    template_name = "clinic/benchmark_reference.html"

    def get_context_data(self, **kwargs):
        rows = User.objects.for_user(self.request.user).filter(role=Role.PATIENT).order_by("sort_name", "pk")[:50]
        return super().get_context_data(rows=rows, **kwargs)
