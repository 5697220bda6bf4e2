"""The messages to the GP: their text composed from the record (the therapist edits it before signing), and their PDF.

One composer per message of the NHG-KNGF "Richtlijn Gestructureerde informatie-uitwisseling tussen
huisarts en fysiotherapeut" (when each is due: patients.rules.letters). Each fills the guideline's
parts of its message from the record, in our own words:

- reply to the referral: the referral, the screening, the complaint and the ICS class, the findings,
  the analysis, the goals and the plan with its number of sessions, the first measures, the advice to the GP;
- outcome of the direct-access screening: no red flags ("pluis") and further examination follows, or
  the red flags found, the advice given and that the patient was advised to see the GP ("niet-pluis");
- interim report: why (the plan changed, no improvement), the sessions so far, the plan as it is now,
  the measures first → latest, the advice to the GP;
- final report: the period and number of sessions, the goals reached or not, the measures first →
  latest, the outcome at discharge, the advice to the GP.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clinic.pdf import render_pdf
from patients.choices import (
    ChangeClass,
    LetterKind,
    MeasureKind,
    PGIImpression,
    ReferralRecipient,
    ReferralTopic,
    ReferralType,
)
from patients.rules.plans import intake_conditions, nsaid_caution_conditions
from patients.rules.record import positive_red_flags
from patients.selectors.record import episode_measure_changes, practice_mids

HEADINGS = (
    gettext_lazy("Referral"),
    gettext_lazy("Screening"),
    gettext_lazy("Conclusion of the screening"),
    gettext_lazy("Complaint"),
    gettext_lazy("Findings"),
    gettext_lazy("Analysis"),
    gettext_lazy("Reason for this report"),
    gettext_lazy("Course"),
    gettext_lazy("Goals"),
    gettext_lazy("Treatment"),
    gettext_lazy("Outcome"),
    gettext_lazy("Outcome measures"),
    gettext_lazy("Advice to the GP"),
)


def _day(value):
    return date_format(value, "j F Y")


def _number(value):
    """Return a number the Dutch way, a whole one without ",0" (7, not 7,0; 4,5 stays 4,5)."""
    return localize(int(value)) if value == int(value) else localize(value)


def headings():
    """Return the section headings the composed letters use, which the PDF sets as headings."""
    return {str(heading) for heading in HEADINGS}


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


def _screening(episode):
    try:
        return episode.screening
    except ObjectDoesNotExist:
        return None


def _discharge(episode):
    try:
        return episode.discharge
    except ObjectDoesNotExist:
        return None


def _section(heading, lines):
    """Return a heading and its lines as the letter sets them, or nothing when there is nothing to say."""
    return ["", heading, *lines] if lines else []


def _referral_lines(episode):
    """Return who referred the patient, when, and for what."""
    patient = episode.patient
    if patient.referral_type != ReferralType.GP_REFERRAL:
        return []
    if patient.referral_date:
        line = _("Referred by %(referrer)s on %(day)s for: %(complaint)s.") % {
            "referrer": patient.referrer_name,
            "day": _day(patient.referral_date),
            "complaint": episode.main_complaint,
        }
    else:
        line = _("Referred by %(referrer)s for: %(complaint)s.") % {
            "referrer": patient.referrer_name,
            "complaint": episode.main_complaint,
        }
    return [line]


def _complaint_lines(episode):
    """Return the main complaint, and the pelvic floor class with the complaint pattern when classified."""
    lines = [_("Main complaint: %s.") % episode.main_complaint.rstrip(".")]
    classification = episode.classifications.first()
    if classification is not None:
        lines.append(_("Pelvic floor function (ICS): %s.") % classification.get_pelvic_floor_class_display().lower())
        if classification.complaint_pattern:
            lines.append(classification.complaint_pattern)
    return lines


def _screening_lines(screening):
    """Return the result of the red-flag screening: none found, or which ones and what was decided."""
    if screening is None:
        return []
    flags = positive_red_flags(screening)
    if not flags:
        return [_("Red-flag screening of %s: no red flags.") % _day(screening.screened_on)]
    line = _("Red-flag screening of %(day)s: %(flags)s.") % {
        "day": _day(screening.screened_on),
        "flags": _flag_list(flags),
    }
    if screening.decision:
        line += " " + _("Decision: %s.") % screening.get_decision_display().lower()
    return [line]


def _flag_list(flags):
    return "; ".join(str(flag).rstrip(".").lower() for flag in flags)


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


def _goal_lines(plan, *, final):
    """Return the plan's goals; the final report says of each whether it was reached."""
    lines = []
    for goal in plan.goals.all():
        if final:
            achieved = _(" (achieved)") if goal.achieved else _(" (not achieved)")
        else:
            achieved = _(" (achieved)") if goal.achieved else ""
        lines.append(f"- {goal.description}: {goal.target} ({goal.measure}){achieved}")
    if lines and not final:
        lines.append(_("We review the goals on %s.") % _day(plan.review_on))
    return lines


def _treatment_lines(plan, *, final):
    """Return the interventions, the sessions planned, dry needling referrals and the biofeedback readings."""
    lines = [f"- {intervention.get_kind_display()}" for intervention in plan.interventions.all()]
    if not final:
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
        lines.append(
            _("Biofeedback: resting tone %(first)s → %(last)s µV over %(count)s sessions.")
            % {
                "first": _number(first.resting_tone_uv),
                "last": _number(last.resting_tone_uv),
                "count": len(sessions),
            }
        )
    return lines


def _plan_sections(plan, *, final=False):
    """Return the analysis, the goals and the treatment of the plan, each under its heading."""
    if plan is None:
        return []
    return [
        *_section(_("Analysis"), [plan.analysis] if plan.analysis else []),
        *_section(_("Goals"), _goal_lines(plan, final=final)),
        *_section(_("Treatment"), _treatment_lines(plan, final=final)),
    ]


def _advice_lines(plan):
    """Return what we ask of the GP: a consultation about pain medication, a referral, the NSAID cautions."""
    if plan is None:
        return []
    lines = []
    if plan.gp_consult_advised:
        lines.append(_("We advised the patient to consult you about pain medication."))
    for referral in plan.referrals.all():
        if referral.recipient == ReferralRecipient.GP:
            lines.append(
                _("We ask you to consider: %(topic)s. %(reason)s")
                % {"topic": referral.get_topic_display().lower(), "reason": referral.reason}
            )
    about_pain_medication = plan.gp_consult_advised or any(
        referral.topic == ReferralTopic.PAIN_MEDICATION for referral in plan.referrals.all()
    )
    conditions = nsaid_caution_conditions(intake_conditions(_intake(plan.episode))) if about_pain_medication else []
    if conditions:
        lines.append(
            _("Of note for NSAIDs (ibuprofen, naproxen), from our intake: the patient %s.")
            % ", ".join(str(condition) for condition in conditions)
        )
    return lines


def _intake(episode):
    try:
        return episode.intake
    except ObjectDoesNotExist:
        return None


def _session_count(episode):
    return episode.notes.count()


def _outcome_lines(episode):
    """Return the discharge date, whether the goals were met, the PGI-I with what it means and the closing summary."""
    lines = []
    discharge = _discharge(episode)
    if discharge is not None:
        lines.append(
            _("Treatment ended on %(day)s. %(goals)s.")
            % {"day": _day(discharge.discharged_on), "goals": discharge.get_goals_met_display()}
        )
        if discharge.pgi_i is not None:
            lines.append(
                _("The patient rates the change since the start as %(score)s of 7 on the PGI-I: %(meaning)s.")
                % {"score": discharge.pgi_i, "meaning": str(PGIImpression(discharge.pgi_i).label).lower()}
            )
        if discharge.final_measures_note:
            lines.append(discharge.final_measures_note)
    plan = _plan(episode)
    if plan is not None and plan.closing_summary:
        lines.append(plan.closing_summary)
    return lines


# What a change means in a sentence of the letter, by the minimal important change of the measure.
CHANGE_PHRASES = {
    ChangeClass.IMPROVED: gettext_lazy("improved by at least the minimal important change"),
    ChangeClass.UNCHANGED: gettext_lazy("no change of at least the minimal important change"),
    ChangeClass.WORSE: gettext_lazy("worse by at least the minimal important change"),
}


def _measure_lines(episode):
    """Return each measure's first → latest value with both days and whether it improved by the MID."""
    changes = episode_measure_changes(episode.measures.all(), practice_mids(episode.patient.practice_id))
    lines = []
    for change in changes:
        if change.latest_on == change.first_on:
            line = f"- {change.label}: {_number(change.first)} ({_day(change.first_on)})"
        else:
            values = f"{_number(change.first)} → {_number(change.latest)}"
            line = f"- {change.label}: {values} ({_day(change.first_on)} → {_day(change.latest_on)})"
        if change.change and (change.latest_on != change.first_on or change.kind == MeasureKind.PGI_I):
            line += f": {CHANGE_PHRASES[change.change]}"
        lines.append(line)
    return lines


def _referral_answer(episode, values):
    """Compose the reply to the referral: what we found after the intake and assessment, and our plan."""
    assessment = episode.assessments.first()
    findings = _assessment_lines(assessment) if assessment is not None else []
    plan = _plan(episode)
    return [
        _(
            "Thank you for referring %(patient)s (born %(born)s). "
            "After the intake and assessment we report our findings and our plan."
        )
        % values,
        *_section(_("Referral"), _referral_lines(episode)),
        *_section(_("Screening"), _screening_lines(_screening(episode))),
        *_section(_("Complaint"), _complaint_lines(episode)),
        *_section(_("Findings"), findings),
        *_plan_sections(plan),
        *_section(_("Outcome measures"), _measure_lines(episode)),
        *_section(_("Advice to the GP"), _advice_lines(plan)),
    ]


def _screening_outcome(episode, values):
    """Compose the outcome of the direct-access screening: no red flags, or the advice to see the GP."""
    screening = _screening(episode)
    lines = [
        _("%(patient)s (born %(born)s) came to our practice without a referral for: %(complaint)s.") % values,
    ]
    if screening is None:
        return lines
    flags = positive_red_flags(screening)
    if not flags and not screening.gp_contact_advised:
        lines += _section(_("Screening"), _screening_lines(screening))
        conclusion = [
            _("We found no signs that call for a medical assessment first (no red flags)."),
            _("Pelvic physiotherapy examination is indicated; we will inform you of our findings and plan."),
        ]
    else:
        # The red flags, the advice and the decision are the conclusion itself: said once, there.
        conclusion = []
        if flags:
            conclusion.append(
                _("At the screening of %(day)s we found signs that need a medical assessment first: %(flags)s.")
                % {"day": _day(screening.screened_on), "flags": _flag_list(flags)}
            )
        conclusion.append(_("We advised the patient to contact you."))
        if screening.advice_notes:
            conclusion.append(_("Advice given: %s") % screening.advice_notes)
        if screening.decision:
            conclusion.append(_("Our decision: %s.") % screening.get_decision_display().lower())
    return lines + _section(_("Conclusion of the screening"), conclusion)


def _interim_reason_lines(episode):
    """Return why this interim report is written: a revised plan, a lack of improvement, the sessions so far."""
    lines = []
    plan = _plan(episode)
    if plan is not None and plan.version > 1:
        lines.append(_("We have changed the treatment plan (version %s).") % plan.version)
    signals = getattr(episode, "signals", None)
    if signals is not None and signals.not_improved:
        lines.append(
            _("The patient has not improved enough on: %s.")
            % ", ".join(str(label) for label in signals.not_improved_labels())
        )
    count = _session_count(episode)
    lines.append(
        ngettext(
            "Since %(start)s the patient has had %(count)s session.",
            "Since %(start)s the patient has had %(count)s sessions.",
            count,
        )
        % {"start": _day(episode.started_on), "count": count}
    )
    return lines


def _interim(episode, values):
    """Compose the interim report: why, how treatment went so far, the plan as it is now."""
    plan = _plan(episode)
    return [
        _("An interim report on the pelvic physiotherapy of %(patient)s (born %(born)s) for: %(complaint)s.") % values,
        *_section(_("Reason for this report"), _interim_reason_lines(episode)),
        *_section(_("Complaint"), _complaint_lines(episode)),
        *_plan_sections(plan),
        *_section(_("Outcome measures"), _measure_lines(episode)),
        *_section(_("Advice to the GP"), _advice_lines(plan)),
    ]


def _final(episode, values):
    """Compose the final report: the course of treatment, its outcome and the advice to the GP."""
    plan = _plan(episode)
    count = _session_count(episode)
    discharge = _discharge(episode)
    end = discharge.discharged_on if discharge is not None else episode.discharged_on
    if end is not None:
        course = ngettext(
            "From %(start)s to %(end)s the patient had %(count)s session.",
            "From %(start)s to %(end)s the patient had %(count)s sessions.",
            count,
        ) % {"start": _day(episode.started_on), "end": _day(end), "count": count}
    else:
        course = ngettext(
            "Since %(start)s the patient has had %(count)s session.",
            "Since %(start)s the patient has had %(count)s sessions.",
            count,
        ) % {"start": _day(episode.started_on), "count": count}
    return [
        _("The pelvic physiotherapy of %(patient)s (born %(born)s) for %(complaint)s has ended.") % values,
        *_section(_("Course"), [course]),
        *_section(_("Complaint"), _complaint_lines(episode)),
        *_section(_("Goals"), _goal_lines(plan, final=True) if plan is not None else []),
        *_section(_("Outcome measures"), _measure_lines(episode)),
        *_section(_("Outcome"), _outcome_lines(episode)),
        *_section(_("Advice to the GP"), _advice_lines(plan)),
    ]


COMPOSERS = {
    LetterKind.REFERRAL_ANSWER: _referral_answer,
    LetterKind.SCREENING: _screening_outcome,
    LetterKind.INTERIM: _interim,
    LetterKind.FINAL: _final,
}


def compose_letter(*, episode, kind, author):
    """Return the subject and body of a message of this kind, drawn from the episode's record."""
    patient = episode.patient
    values = {
        "patient": patient,
        "born": _day(patient.date_of_birth),
        "start": _day(episode.started_on),
        "complaint": episode.main_complaint,
    }
    subject = _("%(kind)s: %(patient)s, born %(born)s") % {"kind": LetterKind(kind).label, **values}
    greeting = _("Dear %s,") % patient.gp_name if patient.gp_name else _("Dear colleague,")
    lines = [greeting, "", *COMPOSERS[kind](episode, values)]
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
