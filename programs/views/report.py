"""The quality report: the practice admin's of the whole practice, a therapist's of their own caseload.

Every page of it (screen, PDF, CSV) is one read of aggregated patient data in the access log.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from clinic.charts import bar_chart
from clinic.choices import AccessAction, RecordPart, Role
from clinic.pdf import render_pdf
from clinic.spreadsheet import csv_lines
from clinic.views.mixins import LoggedReadMixin
from patients.choices import MeasureKind
from programs.choices import ReportDimension
from programs.forms import QualityPeriodForm
from programs.reports import CHANGE_KINDS, SMALLEST_CELL, quality_report


class QualityReportView(LoggedReadMixin, TemplateView):
    """The report on screen, for the period asked (the last twelve months when none or a wrong one is given)."""

    allowed_roles = (Role.PRACTICE_ADMIN, Role.THERAPIST)
    log_part = RecordPart.QUALITY_REPORT
    shows_many_patients = True
    template_name = "programs/quality_report.html"

    @cached_property
    def form(self):
        start, end = QualityPeriodForm.default_period(timezone.localdate())
        if not self.request.GET:
            return QualityPeriodForm(initial={"start": start, "end": end})
        # Only the columns chosen: the period left empty is the last twelve months, not a mistake.
        data = self.request.GET.copy()
        for name, default in (("start", start), ("end", end)):
            if not data.get(name):
                data[name] = default.isoformat()
        return QualityPeriodForm(data)

    @cached_property
    def period(self):
        if self.form.is_valid():
            return self.form.cleaned_data["start"], self.form.cleaned_data["end"]
        if self.form.is_bound:
            messages.warning(self.request, _("That period was not taken; the report shows the last twelve months."))
        return QualityPeriodForm.default_period(timezone.localdate())

    @cached_property
    def dimension(self):
        """Return the columns asked for; a wrong one is the pelvic floor class, as the form's message says."""
        asked = self.request.GET.get("dimension", "")
        return asked if asked in ReportDimension.values else ReportDimension.PELVIC_FLOOR_CLASS

    @property
    def read_detail(self):
        start, end = self.period
        return f"{start.isoformat()}/{end.isoformat()}/{self.dimension}"

    def get_context_data(self, **kwargs):
        start, end = self.period
        report = quality_report(self.request.user, start=start, end=end, dimension=self.dimension)
        shares = [(kind, report.line(f"mid:{kind}")) for kind in CHANGE_KINDS]
        charts = [
            chart
            for chart in (
                bar_chart(
                    f"mid-{number}",
                    _("%(measure)s: share reaching the minimal important change")
                    % {"measure": MeasureKind(kind).label},
                    [
                        (group.label, figure.shown, figure.hidden)
                        for group, figure in zip(report.columns, line.figures, strict=True)
                    ],
                    unit="%",
                )
                for number, (kind, line) in enumerate(shares)
                if line
            )
            if chart
        ]
        query = "?" + urlencode({"start": start.isoformat(), "end": end.isoformat(), "dimension": self.dimension})
        return super().get_context_data(
            form=self.form,
            report=report,
            lines=report.lines,
            charts=charts,
            smallest_cell=SMALLEST_CELL,
            own_caseload=self.request.user.role == Role.THERAPIST,
            dimension_label=ReportDimension(self.dimension).label,
            query=query,
            **kwargs,
        )


def _cell(figure, unit=""):
    """Return a figure as the CSV writes it: Dutch decimals, a word where hidden, empty without a value."""
    if figure.hidden:
        return _("fewer than 5 patients")
    return "" if figure.value is None else f"{localize(figure.value)}{unit}"


class QualityReportCsvView(QualityReportView):
    """The report as a CSV for a spreadsheet: a line per figure, a column per pelvic floor class, cells made safe."""

    read_action = AccessAction.EXPORT

    def render_to_response(self, context, **response_kwargs):
        report = context["report"]
        header = [_("Figure"), *(str(group.label) for group in report.columns)]
        rows = [[str(line.label), *(_cell(figure, line.unit) for figure in line.figures)] for line in report.lines]
        response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
        name = _("quality-report")
        response["Content-Disposition"] = f'attachment; filename="{name}-{report.start}-{report.end}.csv"'
        return response


class QualityReportPdfView(QualityReportView):
    """The report laid out on A4 to print or file."""

    read_action = AccessAction.PRINT

    def render_to_response(self, context, **response_kwargs):
        context["printed_on"] = date_format(timezone.localdate(), "j F Y")
        context["practice"] = self.request.user.practice
        html = render_to_string("programs/quality_report_pdf.html", context, request=self.request)
        response = HttpResponse(
            render_pdf(html, base_url=self.request.build_absolute_uri("/")), content_type="application/pdf"
        )
        name = _("quality-report")
        response["Content-Disposition"] = f'attachment; filename="{name}-{context["report"].start}.pdf"'
        return response
