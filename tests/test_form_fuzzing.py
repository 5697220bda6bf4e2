"""Hostile and random input into every form of the project.

Whatever is typed: never a server error, nothing written when the form is refused, and nothing
the user typed rendered unescaped. Every page that shows a form must be listed in FORM_URLS.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import client_for, row_counts
from tests.test_url_matrix import URL_RULES

# Seeding and fuzzing take seconds a test: they run with `make test-slow` and in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCRIPT = "<script>alert('x')</script>"
HOSTILE_VALUES = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE clinic_user; --",
    "\x00",
    "Ünïcödé 𝕳𝖊𝖑𝖑𝖔 👋 עברית",
    "a" * 5000,
    "",
    " ",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "0001-01-01",
    "1899-12-31",
    "9999-12-31",
    "2026-02-30",
    "31-12-2999",
    "{{ settings.SECRET_KEY }}",
    "%s%s%n",
]
field_values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=200))

# Pages that show a form, with the role that may use them (the first allowed role in URL_RULES).
FORM_URLS = [
    "login",
    "password_reset",
    "two_factor_setup",
    "clinic:account_create",
    "clinic:account_update",
    "clinic:practice_update",
    "patients:measure_mids",
    "patients:questionnaire_create",
    "patients:questionnaire_revise",
    "patients:questionnaire_wording",
    "password_change",
    "portal:bladder_new",
    "portal:bowel_new",
    "portal:questionnaire",
    "portal:pain_map",
    "programs:exercise_create",
    "programs:exercise_update",
    "programs:template_create",
    "programs:template_update",
    "programs:therapist_bladder_new",
    "programs:therapist_bowel_new",
    "programs:program_create",
    "programs:program_edit",
    "patients:patient_create",
    "patients:patient_update",
    "patients:episode_create",
    "patients:episode_update",
    "patients:consent_create",
    "patients:screening",
    "patients:intake",
    "patients:assessment_create",
    "patients:assessment_update",
    "patients:classification_create",
    "patients:measure_create",
    "patients:questionnaire_send",
    "patients:questionnaire_schedule",
    "patients:painmap_create",
    "patients:note_create",
    "patients:note_update",
    "patients:addendum_create",
    "patients:appointment_create",
    "patients:appointment_update",
    "patients:appointment_done",
    "patients:appointment_cancel",
    "patients:episode_discharge",
    "patients:followup_settings",
    "patients:plan_update",
    "patients:plan_activate",
    "patients:plan_close",
    "patients:intervention_create",
    "patients:intervention_update",
    "patients:biofeedback_create",
    "patients:referral_create",
    "patients:needling_create",
    "patients:needling_update",
    "patients:letter_create",
    "patients:letter_detail",
    "patients:episode_messages",
    "portal:messages",
    "portal:episode_messages",
]


def shows_an_error(response):
    """Whether the page tells the user what is wrong, next to a field or above the form."""
    return any(marker in response.text for marker in ("is-invalid", "invalid-feedback", "alert-danger", "errorlist"))


def form_page(client, world, name):
    rule = URL_RULES[name]
    role = "anonymous" if rule.public else sorted(rule.allowed)[0]
    client_for(client, world, role)
    return reverse(name, kwargs=rule.own(world) if rule.own else None)


@pytest.mark.parametrize("name", FORM_URLS)
def test_hostile_input_never_breaks_a_form(client, world, name):
    url = form_page(client, world, name)
    form = client.get(url).context["form"]
    fields = st.fixed_dictionaries(dict.fromkeys(form.fields, field_values))

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=fields)
    def submit(data):
        with transaction.atomic():
            before = row_counts()
            response = client.post(url, data)
            # 429: the lockout after repeated failed logins is a refusal too.
            assert response.status_code in (200, 302, 429), response.status_code
            if response.status_code in (200, 429):
                assert response.status_code == 429 or shows_an_error(response), "a refused form must say why"
                assert row_counts() == before
                assert SCRIPT not in response.text
            transaction.set_rollback(True)

    submit()


def test_every_form_page_is_fuzzed(client, world):
    unlisted = []
    for name, rule in URL_RULES.items():
        if rule.public or rule.post_only or not rule.allowed or name in FORM_URLS:
            continue
        url = form_page(client, world, name)
        context = client.get(url).context
        posts_here = client.post(url).status_code != 405  # a page may show a form that posts elsewhere
        if posts_here and context and "form" in context and context["form"].fields:
            unlisted.append(name)
    assert not unlisted, f"add these form pages to FORM_URLS: {unlisted}"
