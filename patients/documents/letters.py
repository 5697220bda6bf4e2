"""Letters to the GP: their text composed from the record (the therapist edits it before sending), and their PDF."""

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clinic.pdf import render_pdf
from patients.choices import ChangeClass, LetterKind, MeasureKind, PGIImpression, ReferralTopic
from patients.rules.plans import intake_conditions, nsaid_caution_conditions
from patients.rules.record import positive_red_flags
from patients.selectors.record import episode_measure_changes, practice_mids

INTRODUCTIONS = {
    LetterKind.INTAKE: gettext_lazy(
        "%(patient)s (born %(born)s) started pelvic physiotherapy with us on %(start)s for: %(complaint)s."
    ),
    LetterKind.PROGRESS: gettext_lazy(
        "Here is an update on the pelvic physiotherapy of %(patient)s (born %(born)s) for: %(complaint)s."
    ),
    LetterKind.DISCHARGE: gettext_lazy(
        "The pelvic physiotherapy of %(patient)s (born %(born)s) for %(complaint)s has ended."
    ),
}


def _day(value):
    return date_format(value, "j F Y")


def _number(value):
    """Return a number the Dutch way, a whole one without ",0" (7, not 7,0; 4,5 stays 4,5)."""
    return localize(int(value)) if value == int(value) else localize(value)


def headings():
    """Return the section headings the composed letters use, which the PDF sets as headings."""
    return {
        str(heading)
        for heading in (_("Findings"), _("Analysis"), _("Goals"), _("Treatment"), _("Outcome"), _("Outcome measures"))
    }


def letter_blocks(body):
    """Split a letter's text into (is_heading, paragraph) blocks; a line that is a known heading alone is one."""
    known = headings()
    blocks = []
    for paragraph in body.replace("\r\n", "\n").split("\n\n"):
        lines = paragraph.strip("\n").split("\n")
        if lines and lines[0].strip() in known:
            blocks.append((True, lines[0].strip()))
            lines = lines[1:]
        if any(line.strip() for line in lines):
            blocks.append((False, "\n".join(lines)))
    return blocks


def recipient_label(patient):
    """Return the GP and practice the letter is addressed to."""
    parts = (patient.gp_name, patient.gp_practice, patient.gp_address)
    return ", ".join(part for part in parts if part) or _("The general practitioner")


def _plan(episode):
    try:
        return episode.plan
    except ObjectDoesNotExist:
        return None


def _findings(episode):
    lines = _screening_lines(episode)
    assessment = episode.assessments.first()
    if assessment is not None:
        lines += _assessment_lines(assessment)
    classification = episode.classifications.first()
    if classification is not None:
        lines.append(_("Pelvic floor function: %s.") % classification.get_pelvic_floor_class_display())
        if classification.complaint_pattern:
            lines.append(classification.complaint_pattern)
    return lines


def _screening_lines(episode):
    """Return the result of the red-flag screening: none found, or which ones and what was decided."""
    try:
        screening = episode.screening
    except ObjectDoesNotExist:
        return []
    flags = positive_red_flags(screening)
    if not flags:
        return [_("Red-flag screening of %s: no red flags.") % _day(screening.screened_on)]
    line = _("Red-flag screening of %(day)s: %(flags)s.") % {
        "day": _day(screening.screened_on),
        "flags": "; ".join(str(flag).rstrip(".").lower() for flag in flags),
    }
    if screening.decision:
        line += " " + _("Decision: %s.") % screening.get_decision_display().lower()
    return [line]


def _assessment_lines(assessment):
    """Return the pelvic floor findings of an assessment that matter to the GP, one line each."""
    lines = [_("Assessment of %s:") % _day(assessment.assessed_on)]
    if assessment.is_internal:
        lines.append(_("- internal examination: %s") % assessment.get_internal_route_display().lower())
    if assessment.resting_tone:
        lines.append(_("- resting tone: %s") % assessment.get_resting_tone_display().lower())
    perfect = assessment.perfect()
    if perfect:
        # Within a sentence the chosen answers read in lower case; the co-contraction stays as it was typed.
        parts = [f"{name} {value if letter == 'C' else str(value).lower()}" for letter, name, value in perfect]
        lines.append(_("- PERFECT: %s") % ", ".join(parts))
    if assessment.relaxation:
        lines.append(_("- relaxation after contraction: %s") % assessment.get_relaxation_display().lower())
    if assessment.trigger_points:
        lines.append(_("- trigger and tender points: %s") % " ".join(assessment.trigger_points.split()))
    return lines


def _plan_lines(plan, kind):
    if plan is None:
        return []
    lines = []
    if plan.analysis:
        lines += ["", _("Analysis"), plan.analysis]
    goals = list(plan.goals.all())
    if goals:
        lines += ["", _("Goals")]
        for goal in goals:
            if kind == LetterKind.DISCHARGE:
                achieved = _(" (achieved)") if goal.achieved else _(" (not achieved)")
            else:
                achieved = _(" (achieved)") if goal.achieved else ""
            lines.append(f"- {goal.description}: {goal.target} ({goal.measure}){achieved}")
        if kind != LetterKind.DISCHARGE:
            lines.append(_("We review the goals on %s.") % _day(plan.review_on))
    interventions = list(plan.interventions.all())
    if interventions:
        lines += ["", _("Treatment")]
        lines += [f"- {intervention.get_kind_display()}" for intervention in interventions]
    if kind != LetterKind.DISCHARGE:
        lines.append(
            ngettext("We plan %(count)s session.", "We plan %(count)s sessions.", plan.planned_sessions)
            % {"count": plan.planned_sessions}
        )
    for referral in plan.needling_referrals.all():
        colleague = referral.qualified_therapist or referral.external_colleague
        lines.append(
            _("Referred for dry needling to %(colleague)s (%(muscles)s).")
            % {"colleague": colleague, "muscles": " ".join(referral.target_muscles.split())}
        )
    sessions = [session for session in plan.biofeedback_sessions.all() if session.resting_tone_uv is not None]
    if len(sessions) > 1:
        first, last = sessions[0], sessions[-1]
        lines += [
            "",
            _("Biofeedback: resting tone %(first)s → %(last)s µV over %(count)s sessions.")
            % {
                "first": _number(first.resting_tone_uv),
                "last": _number(last.resting_tone_uv),
                "count": len(sessions),
            },
        ]
    if plan.gp_consult_advised:
        lines += ["", _("We advised the patient to consult you about pain medication.")]
    lines += _nsaid_lines(plan)
    return lines


def _nsaid_lines(plan):
    """Name the intake's NSAID cautions when pain medication is raised with the GP (advice or referral)."""
    about_pain_medication = plan.gp_consult_advised or any(
        referral.topic == ReferralTopic.PAIN_MEDICATION for referral in plan.referrals.all()
    )
    conditions = nsaid_caution_conditions(intake_conditions(_intake(plan.episode))) if about_pain_medication else []
    if not conditions:
        return []
    return [
        "",
        _("Of note for NSAIDs (ibuprofen, naproxen), from our intake: the patient %s.")
        % ", ".join(str(condition) for condition in conditions),
    ]


def _intake(episode):
    try:
        return episode.intake
    except ObjectDoesNotExist:
        return None


def _outcome_lines(episode):
    """Return the discharge date, whether the goals were met, the PGI-I with what it means and the closing summary."""
    lines = []
    try:
        discharge = episode.discharge
    except ObjectDoesNotExist:
        discharge = None
    if discharge is not None:
        lines.append(
            _("Treatment ended on %(day)s. %(goals)s.")
            % {"day": _day(discharge.discharged_on), "goals": discharge.get_goals_met_display()}
        )
        if discharge.pgi_i is not None:
            lines.append(
                _("The patient rates the change since the start as %(score)s of 7 on the PGI-I: %(meaning)s.")
                % {"score": discharge.pgi_i, "meaning": PGIImpression(discharge.pgi_i).label}
            )
    plan = _plan(episode)
    if plan is not None and plan.closing_summary:
        lines.append(plan.closing_summary)
    return ["", _("Outcome"), *lines] if lines else []


# What a change means in a sentence of the letter, by the minimal important change of the measure.
CHANGE_PHRASES = {
    ChangeClass.IMPROVED: gettext_lazy("improved by at least the minimal important change"),
    ChangeClass.UNCHANGED: gettext_lazy("no change of at least the minimal important change"),
    ChangeClass.WORSE: gettext_lazy("worse by at least the minimal important change"),
}


def _measure_lines(episode):
    """Return each measure's first and last value and, with two or more, whether it improved by the practice's MID."""
    changes = episode_measure_changes(episode.measures.all(), practice_mids(episode.patient.practice_id))
    if not changes:
        return []
    lines = ["", _("Outcome measures")]
    for change in changes:
        if change.latest_on == change.first_on:
            line = f"- {change.label}: {_number(change.first)} ({_day(change.first_on)})"
        else:
            values = f"{_number(change.first)} → {_number(change.latest)}"
            line = f"- {change.label}: {values} ({_day(change.latest_on)})"
        if change.change and (change.latest_on != change.first_on or change.kind == MeasureKind.PGI_I):
            line += f": {CHANGE_PHRASES[change.change]}"
        lines.append(line)
    return lines


def compose_letter(*, episode, kind, author):
    """Return the subject and body of a letter of this kind, drawn from the episode's record."""
    patient = episode.patient
    values = {
        "patient": patient,
        "born": _day(patient.date_of_birth),
        "start": _day(episode.started_on),
        "complaint": episode.main_complaint,
    }
    subject = _("%(kind)s: %(patient)s, born %(born)s") % {"kind": LetterKind(kind).label, **values}
    greeting = _("Dear %s,") % patient.gp_name if patient.gp_name else _("Dear colleague,")
    lines = [greeting, "", INTRODUCTIONS[kind] % values]
    findings = _findings(episode)
    if findings:
        lines += ["", _("Findings"), *findings]
    lines += _plan_lines(_plan(episode), kind)
    if kind == LetterKind.DISCHARGE:
        lines += _outcome_lines(episode)
    lines += _measure_lines(episode)
    lines += ["", _("Please contact us with any questions."), "", _("Kind regards,"), "", str(author)]
    lines.append(_("Pelvic physiotherapist, %s") % author.practice)
    if author.registration_number:
        lines.append(author.registration_number)
    return subject, "\n".join(str(line) for line in lines)


def letter_pdf(letter, *, base_url) -> bytes:
    """Return the letter laid out on A4 as PDF bytes."""
    patient = letter.episode.patient
    html = render_to_string(
        "patients/gpletter_pdf.html",
        {
            "letter": letter,
            "patient": patient,
            "practice": patient.practice,
            # The addressee as an envelope has it: name, practice, street, postal code and town each on a line.
            "recipient_lines": letter.recipient.split(", "),
            "blocks": letter_blocks(letter.body),
        },
    )
    return render_pdf(html, base_url=base_url)
