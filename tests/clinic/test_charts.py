"""The server-drawn bar chart: labels that fit its label column, values that keep their rows."""

from django.template.loader import render_to_string

from clinic.charts import BAR_LABEL_CHARS, bar_chart

LONG = "Aandrang en vaak plassen (overactieve blaas)"


def test_a_long_label_is_cut_to_fit_and_kept_whole_in_its_tooltip():
    chart = bar_chart("mid", "Aandeel", [(LONG, 50, False), ("Bekkenpijn", None, True)])
    html = render_to_string("clinic/_bar_chart.html", {"chart": chart, "prefix": "t-"})
    shown = chart.bars[0][-1]
    assert len(shown) <= BAR_LABEL_CHARS and shown.endswith("…") and shown in html
    assert f"<title>{LONG}</title>" in html
    assert ">Bekkenpijn</text>" in html  # a short one is drawn as it is


def test_no_chart_when_no_bar_has_a_value():
    assert bar_chart("mid", "Aandeel", [(LONG, None, True)]) is None
