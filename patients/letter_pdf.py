"""Render a letter to the GP as a PDF."""

from django.template.loader import render_to_string
from weasyprint import HTML


def letter_pdf(letter, *, base_url) -> bytes:
    """Return the letter laid out on A4 as PDF bytes."""
    html = render_to_string("patients/gpletter_pdf.html", {"letter": letter, "patient": letter.episode.patient})
    return HTML(string=html, base_url=base_url).write_pdf()
