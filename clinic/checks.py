"""Deployment checks for what the server needs besides Python packages (run by `manage.py check --deploy`)."""

from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def pdf_libraries(app_configs=None, **kwargs):
    """Warn when the PDFs would be slow or fail: WeasyPrint needs Pango, and HarfBuzz's subsetter to embed fonts.

    Without the subsetter WeasyPrint falls back to fontTools and every program PDF takes several times as long.
    """
    hint = "Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
    try:
        from weasyprint.text import ffi
    except OSError as error:
        return [Warning(f"WeasyPrint cannot load Pango, so no PDF can be made: {error}", hint=hint, id="clinic.W001")]
    if ffi.harfbuzz_subset is None:
        return [
            Warning(
                "HarfBuzz's font subsetter (libharfbuzz-subset) is missing: every PDF takes several times as long.",
                hint=hint,
                id="clinic.W002",
            )
        ]
    return []
