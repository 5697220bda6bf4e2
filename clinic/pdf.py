"""Turning a rendered program sheet into a PDF."""


def render_pdf(html: str, *, base_url: str) -> bytes:
    """Return the PDF of an HTML page; WeasyPrint loads only when a PDF is asked for."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
