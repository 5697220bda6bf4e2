"""Every URL pattern of the project against every kind of visitor, from an explicit allow-list.

A pattern that is missing from URL_RULES fails the test, so no new page can slip through without
someone deciding who may open it. Object URLs are also tried with another practice's or another
patient's object: 404 for GET and POST, and nothing written.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for, row_counts

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "patient_a", "patient_b", "therapist", "other_therapist", "practice_admin"]
THERAPISTS = {"therapist", "other_therapist"}  # pages of the role itself, not of a practice's object
STAFF = THERAPISTS | {"practice_admin"}
PATIENTS = {"patient_a", "patient_b"}
EVERYONE = {"patient_a", "patient_b", "therapist", "other_therapist", "practice_admin"}


@dataclass
class Rule:
    """Who may open a URL (`allowed`), with the arguments of an own and of a foreign object."""

    allowed: set = field(default_factory=set)
    public: bool = False
    own: object = None  # world -> kwargs of an object the allowed roles may open
    foreign: object = None  # world -> kwargs of an object of another practice or patient
    post_only: bool = False


def kwargs_of(attribute, key="pk"):
    return lambda world: {key: getattr(world, attribute).pk}


def therapist_object(attribute, foreign, key="pk", post_only=False):
    """A page about one of the practice's objects, for its therapists only."""
    return Rule(
        allowed={"therapist"},
        own=kwargs_of(attribute, key),
        foreign=kwargs_of(foreign, key),
        post_only=post_only,
    )


def episode_part(attribute, foreign, post_only=False, **extra):
    """A page about one object within an episode (a plan's intervention, a letter): URL has both ids."""

    def kwargs(name):
        def build(world):
            obj = getattr(world, name)
            episode_id = obj.episode_id if hasattr(obj, "episode_id") else obj.plan.episode_id
            return {"episode_pk": episode_id, "pk": obj.pk, **extra}

        return build

    return Rule(allowed={"therapist"}, own=kwargs(attribute), foreign=kwargs(foreign), post_only=post_only)


def plan_page(post_only=False, **extra):
    """A page of the episode's treatment plan."""
    return Rule(
        allowed={"therapist"},
        own=lambda world: {"episode_pk": world.episode_a.pk, **extra},
        foreign=lambda world: {"episode_pk": world.episode_other.pk, **extra},
        post_only=post_only,
    )


def library_object(attribute, foreign, allowed=frozenset({"therapist", "practice_admin"}), post_only=False):
    return Rule(allowed=set(allowed), own=kwargs_of(attribute), foreign=kwargs_of(foreign), post_only=post_only)


URL_RULES = {
    "home": Rule(allowed=EVERYONE),
    "healthz": Rule(public=True),
    "favicon": Rule(public=True),
    "set_language": Rule(public=True, post_only=True),
    "login": Rule(public=True),
    "logout": Rule(allowed=EVERYONE, post_only=True),
    "password_change": Rule(allowed=EVERYONE),
    "password_change_done": Rule(allowed=EVERYONE),
    "password_reset": Rule(public=True),
    "password_reset_done": Rule(public=True),
    "password_reset_confirm": Rule(public=True, own=lambda world: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": Rule(public=True),
    "admin_login": Rule(public=True),
    "two_factor_verify": Rule(allowed=EVERYONE),
    "two_factor_email_resend": Rule(allowed=EVERYONE, post_only=True),  # sends only to e-mail devices
    "two_factor_setup": Rule(allowed=EVERYONE),
    "two_factor_backup_codes": Rule(allowed=STAFF),
    "two_factor_settings": Rule(allowed=EVERYONE),
    "two_factor_use_email": Rule(allowed=PATIENTS, post_only=True),
    "clinic:account_list": Rule(allowed={"practice_admin"}),
    "clinic:account_create": Rule(allowed={"practice_admin"}),
    "clinic:account_update": Rule(
        allowed={"practice_admin"}, own=kwargs_of("therapist"), foreign=kwargs_of("other_therapist")
    ),
    "clinic:account_deactivate": Rule(
        allowed={"practice_admin"}, own=kwargs_of("patient_b"), foreign=kwargs_of("other_therapist"), post_only=True
    ),
    "clinic:account_reactivate": Rule(
        allowed={"practice_admin"}, own=kwargs_of("patient_b"), foreign=kwargs_of("other_therapist"), post_only=True
    ),
    "clinic:account_second_factor_reset": Rule(
        allowed={"practice_admin"}, own=kwargs_of("therapist"), foreign=kwargs_of("other_therapist"), post_only=True
    ),
    "portal:appointments": Rule(allowed=PATIENTS),
    "portal:appointment_ics": Rule(
        allowed={"patient_a"}, own=kwargs_of("appointment_a"), foreign=kwargs_of("appointment_b")
    ),
    "portal:calendar_feed_manage": Rule(allowed=PATIENTS, post_only=True),
    "portal:calendar_feed": Rule(public=True, own=lambda world: {"token": world.feed_a.token}),
    "portal:record": Rule(allowed=PATIENTS),
    "portal:record_export_json": Rule(allowed=PATIENTS),
    "portal:record_export_pdf": Rule(allowed=PATIENTS),
    "portal:record_export_fhir": Rule(allowed=PATIENTS),
    "patients:record_export_json": therapist_object("record_a", "record_other"),
    "patients:record_export_pdf": therapist_object("record_a", "record_other"),
    "patients:record_export_fhir": therapist_object("record_a", "record_other"),
    "patients:agenda": Rule(allowed=THERAPISTS),
    "patients:episode_appointments": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:appointment_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:episode_discharge": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:appointment_update": therapist_object("appointment_a", "appointment_other"),
    "patients:appointment_done": therapist_object("appointment_a", "appointment_other"),
    "patients:appointment_missed": therapist_object("appointment_a", "appointment_other"),
    "patients:appointment_cancel": therapist_object("appointment_a", "appointment_other"),
    "patients:followup_settings": therapist_object("record_a", "record_other", key="patient_pk"),
    "patients:plan_detail": plan_page(),
    "patients:plan_create": plan_page(),
    "patients:plan_update": plan_page(),
    "patients:plan_activate": plan_page(),
    "patients:plan_close": plan_page(),
    "patients:plan_history": plan_page(),
    "patients:plan_version": Rule(
        allowed={"therapist"},
        own=lambda world: {"episode_pk": world.episode_a.pk, "history_id": world.plan_a.history.first().history_id},
        foreign=lambda world: {
            "episode_pk": world.episode_other.pk,
            "history_id": world.plan_other.history.first().history_id,
        },
    ),
    "patients:intervention_create": plan_page(kind="pfmt"),
    "patients:intervention_update": episode_part("intervention_a", "intervention_other"),
    "patients:intervention_remove": episode_part("intervention_a", "intervention_other", post_only=True),
    "patients:biofeedback_create": plan_page(),
    "patients:referral_create": plan_page(),
    "patients:needling_create": plan_page(),
    "patients:needling_detail": episode_part("needling_a", "needling_other"),
    "patients:needling_update": episode_part("needling_a", "needling_other"),
    "patients:letter_list": plan_page(),
    "patients:letter_create": plan_page(),
    "patients:letter_detail": episode_part("letter_a", "letter_other"),
    "patients:letter_send": episode_part("letter_a", "letter_other", post_only=True),
    "patients:letter_pdf": episode_part("letter_a", "letter_other"),
    "clinic:access_log": Rule(allowed={"practice_admin"}),
    "clinic:practice_update": Rule(allowed={"practice_admin"}),
    "patients:measure_mids": Rule(allowed={"practice_admin"}),
    "patients:questionnaire_list": Rule(allowed={"practice_admin"}),
    "patients:questionnaire_create": Rule(allowed={"practice_admin"}),
    "patients:questionnaire_revise": library_object(
        "own_questionnaire", "own_questionnaire_other", allowed={"practice_admin"}
    ),
    "patients:questionnaire_wording": library_object(
        "licensed_questionnaire", "licensed_questionnaire_other", allowed={"practice_admin"}
    ),
    "programs:quality_report": Rule(allowed=STAFF),
    "programs:quality_report_csv": Rule(allowed=STAFF),
    "programs:quality_report_pdf": Rule(allowed=STAFF),
    "clinic:access_log_export": Rule(allowed={"practice_admin"}),
    "clinic:access_log_checkpoint": Rule(allowed={"practice_admin"}),
    "patients:dashboard": Rule(allowed=THERAPISTS),
    "patients:patient_list": Rule(allowed=THERAPISTS),
    "patients:patient_create": Rule(allowed=THERAPISTS),
    "patients:patient_detail": therapist_object("record_a", "record_other"),
    "patients:patient_update": therapist_object("record_a", "record_other"),
    "patients:patient_archive": therapist_object("record_b", "record_other", post_only=True),
    "patients:patient_unarchive": therapist_object("record_b", "record_other", post_only=True),
    "patients:patient_invite": therapist_object("record_b", "record_other", post_only=True),
    "patients:episode_create": therapist_object("record_a", "record_other", key="patient_pk"),
    "patients:consent_create": therapist_object("record_a", "record_other", key="patient_pk"),
    "patients:consent_withdraw": therapist_object("consent_a", "consent_other", post_only=True),
    "patients:episode_detail": therapist_object("episode_a", "episode_other"),
    "patients:episode_update": therapist_object("episode_a", "episode_other"),
    "patients:screening": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:intake": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:assessment_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:assessment_detail": therapist_object("assessment_a", "assessment_other"),
    "patients:assessment_update": therapist_object("assessment_a", "assessment_other"),
    "patients:classification_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:measure_create": Rule(
        allowed={"therapist"},
        own=lambda world: {"episode_pk": world.episode_a.pk, "kind": "nrs_pain"},
        foreign=lambda world: {"episode_pk": world.episode_other.pk, "kind": "nrs_pain"},
    ),
    "patients:questionnaire_send": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:questionnaire_schedule": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:questionnaire_schedule_stop": therapist_object("schedule_a", "schedule_other", post_only=True),
    "patients:questionnaire_answers": therapist_object("questionnaire_a", "questionnaire_other"),
    "patients:questionnaire_withdraw": therapist_object("questionnaire_a", "questionnaire_other", post_only=True),
    "portal:questionnaire": Rule(
        allowed={"patient_a"}, own=kwargs_of("questionnaire_a"), foreign=kwargs_of("questionnaire_b")
    ),
    "portal:questionnaire_submit": Rule(
        allowed={"patient_a"}, own=kwargs_of("questionnaire_a"), foreign=kwargs_of("questionnaire_b"), post_only=True
    ),
    "patients:painmap_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:painmap_request": therapist_object("episode_a", "episode_other", key="episode_pk", post_only=True),
    "patients:note_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:note_update": therapist_object("note_a", "note_other"),
    "patients:note_sign": therapist_object("note_a", "note_other", post_only=True),
    "patients:addendum_create": therapist_object("signed_note_a", "signed_note_other", key="note_pk"),
    "patients:episode_messages": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "patients:message_addendum": therapist_object("message_a", "message_other", post_only=True),
    "portal:messages": Rule(allowed=PATIENTS),
    "portal:episode_messages": Rule(
        allowed={"patient_a"},
        own=kwargs_of("episode_a", "episode_pk"),
        foreign=lambda world: {"episode_pk": world.appointment_b.episode_id},
    ),
    "portal:home": Rule(allowed=PATIENTS),
    "portal:week": Rule(allowed=PATIENTS),
    "portal:print": Rule(allowed=PATIENTS),
    "portal:pdf": Rule(allowed=PATIENTS),
    "portal:diary": Rule(allowed=PATIENTS),
    "portal:bladder_new": Rule(allowed=PATIENTS),
    "portal:bowel_new": Rule(allowed=PATIENTS),
    # Without a pain map asked of them (patient_b), a patient is sent on to the start page.
    "portal:pain_map": Rule(allowed=PATIENTS),
    # GET only sends the patient on to the start page (after a login that followed an ended session).
    "portal:item_done": Rule(allowed={"patient_a"}, own=kwargs_of("item_a"), foreign=kwargs_of("item_b")),
    # Only the patient whose program holds the exercise: patient_b of the same practice gets 404.
    "portal:exercise_picture": Rule(allowed={"patient_a"}, own=kwargs_of("filmed"), foreign=kwargs_of("filmed_other")),
    "portal:exercise_video": Rule(allowed={"patient_a"}, own=kwargs_of("filmed"), foreign=kwargs_of("filmed_other")),
    "programs:exercise_list": Rule(allowed=STAFF),
    "programs:exercise_create": Rule(allowed=STAFF),
    "programs:exercise_detail": library_object("exercise", "exercise_other"),
    "programs:exercise_update": library_object("exercise", "exercise_other"),
    "programs:exercise_picture": library_object("filmed", "filmed_other"),
    "programs:exercise_video": library_object("filmed", "filmed_other"),
    "programs:template_list": Rule(allowed={"practice_admin"}),
    "programs:template_create": Rule(allowed={"practice_admin"}),
    "programs:template_update": library_object("template", "template_other", allowed={"practice_admin"}),
    "programs:template_add": library_object("template", "template_other", allowed={"practice_admin"}, post_only=True),
    "programs:patient_overview": therapist_object("record_a", "record_other", key="patient_pk"),
    "programs:therapist_bladder_new": therapist_object("record_a", "record_other", key="patient_pk"),
    "programs:therapist_bowel_new": therapist_object("record_a", "record_other", key="patient_pk"),
    "programs:program_create": therapist_object("episode_a", "episode_other", key="episode_pk"),
    "programs:program_detail": therapist_object("program_a", "program_other"),
    "programs:program_edit": therapist_object("draft_a", "program_other"),
    "programs:program_preview": therapist_object("program_a", "program_other"),
    "programs:program_add": therapist_object("draft_a", "program_other", post_only=True),
    "programs:program_publish": therapist_object("draft_a", "program_other", post_only=True),
    "programs:program_revise": therapist_object("program_a", "program_other", post_only=True),
}


def project_url_names():
    """Yield the name of every URL pattern of the project except the Django admin's own."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield ":".join(filter(None, [namespace, pattern.name]))

    return sorted(set(walk(get_resolver().url_patterns, None)))


def test_every_url_pattern_has_a_rule():
    missing = [name for name in project_url_names() if name not in URL_RULES]
    assert not missing, f"add these URL patterns to URL_RULES with who may open them: {missing}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(URL_RULES))
def test_url_answers_each_role_as_the_allow_list_says(client, world, name, role):
    rule = URL_RULES[name]
    url = reverse(name, kwargs=rule.own(world) if rule.own else None)
    client = client_for(client, world, role)
    before = row_counts()
    status = client.post(url).status_code if rule.post_only else client.get(url).status_code

    assert status != 500
    if rule.public:
        assert status in (200, 302)
    elif role == "anonymous":
        assert status == 302
        assert row_counts() == before
    elif role in rule.allowed:
        assert status in (200, 302), f"{role} should be able to open {name}"
    else:
        assert status in (403, 404), f"{role} must not open {name}"
        assert row_counts() == before


@pytest.mark.parametrize("name", sorted(name for name, rule in URL_RULES.items() if rule.foreign))
def test_foreign_objects_answer_404_and_nothing_is_written(client, world, name):
    rule = URL_RULES[name]
    url = reverse(name, kwargs=rule.foreign(world))
    for role in rule.allowed:
        client_for(client, world, role)
        before = row_counts()
        assert client.get(url).status_code == (405 if rule.post_only else 404)
        post_status = client.post(url).status_code
        if post_status == 405:
            # A read-only page refuses POST alike for every object, so nothing is learnt from it.
            assert client.post(reverse(name, kwargs=rule.own(world))).status_code == 405
        else:
            assert post_status == 404
        assert row_counts() == before


# Pages that show or change no one's patient data: the library, the templates.
NOT_PATIENT_DATA = {
    "patients:measure_mids",
    "patients:questionnaire_list",
    "patients:questionnaire_create",
    "patients:questionnaire_revise",
    "patients:questionnaire_wording",
    "programs:exercise_list",
    "programs:exercise_create",
    "programs:exercise_detail",
    "programs:exercise_update",
    "programs:exercise_picture",
    "programs:exercise_video",
    "programs:template_list",
    "programs:template_create",
    "programs:template_update",
    "programs:template_add",
}
RECORD_URLS = sorted(
    name
    for name, rule in URL_RULES.items()
    if name.split(":")[0] in ("patients", "programs", "portal") and not rule.public and name not in NOT_PATIENT_DATA
)


def refused_requests(name):
    """Yield (role, kwargs) of every refused request of a record URL: each wrong role, and a foreign object."""
    rule = URL_RULES[name]
    for role in ROLES:
        if role != "anonymous" and role not in rule.allowed:
            yield role, rule.own
    if rule.foreign:
        for role in rule.allowed:
            yield role, rule.foreign


@pytest.mark.parametrize("name", RECORD_URLS)
def test_every_refused_request_for_patient_data_is_logged_as_denied(client, world, name):
    from clinic.models import AccessLogEntry

    rule = URL_RULES[name]
    for role, kwargs in refused_requests(name):
        url = reverse(name, kwargs=kwargs(world) if kwargs else None)
        client_for(client, world, role)
        user = getattr(world, role)
        before = AccessLogEntry.objects.filter(user=user, outcome="denied", detail=url).count()
        status = client.post(url).status_code if rule.post_only else client.get(url).status_code
        assert status in (403, 404), f"{role} must not open {name}"
        assert AccessLogEntry.objects.filter(user=user, outcome="denied", detail=url).count() == before + 1, (
            f"the refusal of {name} to {role} is not in the access log"
        )


def test_a_test_may_change_the_shared_world(world):
    from patients.models import Patient

    Patient.objects.filter(pk=world.record_b.pk).update(first_name="Changed")
    assert Patient.objects.get(pk=world.record_b.pk).first_name == "Changed"


def test_and_the_next_test_finds_the_world_as_built(world):
    from patients.models import Patient

    assert Patient.objects.get(pk=world.record_b.pk).first_name == world.record_b.first_name != "Changed"


# A form for a new patient shows no one's data yet; the world's episode has its plan, so the plan's
# new-plan form only sends on to it (the plan page, which is walked itself).
SHOWS_NO_RECORD = {"patients:patient_create", "patients:plan_create"}
# The patient's own pages: a patient's looks at their own record are not NEN 7513 entries
# (PortalMixin.log); the calendar feed is not one of them, whoever holds its address reads it.
OWN_RECORD_PAGES = {name for name in URL_RULES if name.startswith("portal:")} - {"portal:calendar_feed"}
READ_URLS = sorted(
    name
    for name in [*RECORD_URLS, "portal:calendar_feed"]
    if not URL_RULES[name].post_only and name not in OWN_RECORD_PAGES | SHOWS_NO_RECORD
)


@pytest.mark.parametrize("name", READ_URLS)
def test_every_page_of_patient_data_writes_an_access_log_entry(client, world, name):
    from clinic.models import AccessLogEntry

    rule = URL_RULES[name]
    reader = "anonymous" if rule.public else next(role for role in ROLES if role in rule.allowed)
    client_for(client, world, reader)
    last = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = client.get(reverse(name, kwargs=rule.own(world) if rule.own else None), REMOTE_ADDR="198.51.100.77")

    assert response.status_code == 200
    written = AccessLogEntry.objects.filter(pk__gt=last, outcome="success", client_ip="198.51.100.77")
    assert written.exists(), f"{name} shows patient data to {reader} without an access-log entry"
