"""Every enumerated value of the app, imported alike by models, querysets, rules and forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    INTERSEX = "intersex", _("Intersex")
    UNDISCLOSED = "undisclosed", _("Not stated")


class ReferralType(models.TextChoices):
    GP_REFERRAL = "gp_referral", _("GP referral")
    DIRECT_ACCESS = "direct_access", _("Direct access")


class EpisodeStatus(models.TextChoices):
    SCREENING = "screening", _("Screening")
    INTAKE = "intake", _("Intake")
    IN_TREATMENT = "in_treatment", _("In treatment")
    DISCHARGED = "discharged", _("Discharged")


class ScreeningDecision(models.TextChoices):
    CONTINUE = "continue", _("No red flags: continue")
    GP_CLEARANCE = "gp_clearance", _("Continue after GP clearance")
    REFER = "refer", _("Refer")
    STOP = "stop", _("Stop treatment")


class PregnancyStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    NOT_PREGNANT = "not_pregnant", _("Not pregnant")
    PREGNANT = "pregnant", _("Pregnant")
    POSTPARTUM = "postpartum", _("Postpartum (up to a year after birth)")


class MenopauseStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    PREMENOPAUSAL = "premenopausal", _("Before menopause")
    PERIMENOPAUSAL = "perimenopausal", _("Around menopause")
    POSTMENOPAUSAL = "postmenopausal", _("After menopause")


class BirthMode(models.TextChoices):
    SPONTANEOUS = "spontaneous", _("Spontaneous vaginal")
    VACUUM = "vacuum", _("Vacuum")
    FORCEPS = "forceps", _("Forceps")
    PLANNED_CAESAREAN = "planned_caesarean", _("Planned caesarean")
    EMERGENCY_CAESAREAN = "emergency_caesarean", _("Emergency caesarean")


class PerinealTrauma(models.TextChoices):
    NONE = "none", _("None")
    FIRST_DEGREE = "first_degree", _("First-degree tear")
    SECOND_DEGREE = "second_degree", _("Second-degree tear")
    THIRD_DEGREE = "third_degree", _("Third-degree tear")
    FOURTH_DEGREE = "fourth_degree", _("Fourth-degree tear")
    EPISIOTOMY = "episiotomy", _("Episiotomy")
    UNKNOWN = "unknown", _("Unknown")


class ConsentKind(models.TextChoices):
    INTERNAL_VAGINAL = "internal_vaginal", _("Internal examination (vaginal)")
    INTERNAL_RECTAL = "internal_rectal", _("Internal examination (rectal)")
    BIOFEEDBACK_PROBE = "biofeedback_probe", _("Biofeedback with a probe")
    GP_DATA_SHARING = "gp_data_sharing", _("Sharing data with the GP")


class RestingTone(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class Relaxation(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    PARTIAL = "partial", _("Partial")
    ABSENT = "absent", _("Absent")


class CoughReflex(models.TextChoices):
    PRESENT = "present", _("Present")
    DELAYED = "delayed", _("Delayed")
    ABSENT = "absent", _("Absent")


class Elevation(models.TextChoices):
    """The E of elevation in PERFECT: whether the floor lifts inwards on a contraction."""

    LIFTS = "lifts", _("Lifts inwards")
    PARTLY = "partly", _("Lifts a little")
    NONE = "none", _("Does not lift")


class InternalRoute(models.TextChoices):
    NONE = "none", _("No internal examination")
    VAGINAL = "vaginal", _("Vaginal")
    RECTAL = "rectal", _("Rectal")


class PelvicFloorClass(models.TextChoices):
    NORMAL = "normal", _("Normal")
    OVERACTIVE = "overactive", _("Overactive")
    UNDERACTIVE = "underactive", _("Underactive")
    NON_FUNCTIONING = "non_functioning", _("Non-functioning")


class ComplaintPattern(models.TextChoices):
    """The main complaint pattern of an episode, from the typical complaints of the ICS classes and life phases."""

    STRESS_INCONTINENCE = "stress_incontinence", _("Stress urinary incontinence")
    URGENCY = "urgency", _("Urgency and frequency (overactive bladder)")
    VOIDING = "voiding", _("Voiding problems (hesitancy, incomplete emptying)")
    PROLAPSE = "prolapse", _("Prolapse symptoms (heaviness, dragging)")
    BOWEL = "bowel", _("Bowel problems (constipation, straining, loss of wind or stool)")
    PELVIC_PAIN = "pelvic_pain", _("Pelvic pain")
    SEXUAL = "sexual", _("Sexual complaints (pain with intercourse)")
    OTHER = "other", _("Other")


class MeasureKind(models.TextChoices):
    NRS_PAIN = "nrs_pain", _("Pain (NRS)")
    PSK = "psk", _("Patient-specific complaints (PSK)")
    PGI_I = "pgi_i", _("Global impression of improvement (PGI-I)")
    ICIQ_UI_SF = "iciq_ui_sf", _("ICIQ-UI Short Form")
    PFDI_20 = "pfdi_20", _("PFDI-20")


class MeasureSource(models.TextChoices):
    """Who gave a measure: the therapist in the session, or the patient in a questionnaire at home."""

    THERAPIST = "therapist", _("Therapist")
    PATIENT_REPORTED = "patient_reported", _("Patient-reported")


class PfdiSubscale(models.TextChoices):
    POPDI_6 = "popdi_6", _("POPDI-6 (prolapse)")
    CRADI_8 = "cradi_8", _("CRADI-8 (bowel)")
    UDI_6 = "udi_6", _("UDI-6 (bladder)")


class ScoringMethod(models.TextChoices):
    """How a questionnaire's item scores become its result."""

    SUM = "sum", _("Sum of the items")
    MEAN = "mean", _("Mean of the answered items × factor")
    SUBSCALE_MEANS = "subscale_means", _("Per subscale the mean × factor; the total is the sum of the subscales")


class AssignmentStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    STARTED = "started", _("Started")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ScheduleMoment(models.TextChoices):
    """When a questionnaire schedule sends; in this order when two fall on the same day (one is sent)."""

    DISCHARGE = "discharge", _("At discharge")
    EVALUATION = "evaluation", _("Before an evaluation")
    INTAKE = "intake", _("At intake")
    INTERVAL = "interval", _("Every few weeks")


class IciqAmount(models.IntegerChoices):
    NONE = 0, _("None")
    SMALL = 2, _("A small amount")
    MODERATE = 4, _("A moderate amount")
    LARGE = 6, _("A large amount")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    REVISED = "revised", _("Active, revised")
    CLOSED = "closed", _("Closed")


class PfmtFocus(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    ENDURANCE = "endurance", _("Endurance")
    SPEED = "speed", _("Speed")
    COORDINATION = "coordination", _("Coordination")
    FUNCTIONAL = "functional", _("Functional use")


class InterventionKind(models.TextChoices):
    EDUCATION = "education", _("Education, coaching and toilet behaviour")
    DOWNTRAINING = "downtraining", _("Breathing and relaxation (downtraining)")
    PRESSURE_REGULATION = "pressure_regulation", _("Pressure regulation")
    PFMT = "pfmt", _("Pelvic floor muscle training (PFMT)")
    MANUAL_THERAPY = "manual_therapy", _("Manual and myofascial therapy")
    SCAR_TREATMENT = "scar_treatment", _("Scar treatment")
    BIOFEEDBACK = "biofeedback", _("Biofeedback")
    ELECTROSTIMULATION = "electrostimulation", _("Electrostimulation")
    BALLOON_TRAINING = "balloon_training", _("Balloon training")
    TENS = "tens", _("TENS")


class SafetyCode(models.TextChoices):
    RED_FLAG_OPEN = "red_flag_open", _("Unresolved red flag")
    RELAXATION_FIRST = "relaxation_first", _("Relaxation first")
    NEEDLING_ANTICOAGULANTS = "needling_anticoagulants", _("Needling with anticoagulants")
    NEEDLING_BLEEDING_DISORDER = "needling_bleeding_disorder", _("Needling with a bleeding disorder")
    NEEDLING_PREGNANCY = "needling_pregnancy", _("Needling in pregnancy")
    NEEDLING_FEAR = "needling_fear", _("Fear of needles")
    NEEDLE_FEAR_AT_INTAKE = "needle_fear_at_intake", _("Fear of needles told at intake")
    NSAID_ANTICOAGULANTS = "nsaid_anticoagulants", _("NSAIDs with anticoagulants")
    NSAID_STOMACH = "nsaid_stomach", _("NSAIDs with stomach problems")
    NSAID_KIDNEY = "nsaid_kidney", _("NSAIDs with kidney problems")
    NSAID_HEART = "nsaid_heart", _("NSAIDs with heart problems")
    NSAID_PREGNANCY = "nsaid_pregnancy", _("NSAIDs in pregnancy")
    NSAID_BREASTFEEDING = "nsaid_breastfeeding", _("NSAIDs while breastfeeding")


class BiofeedbackModality(models.TextChoices):
    SURFACE_EMG = "surface_emg", _("Surface EMG (skin electrodes)")
    EMG_PROBE = "emg_probe", _("EMG with an internal probe")
    PRESSURE_PROBE = "pressure_probe", _("Pressure probe")


class ReferralRecipient(models.TextChoices):
    GP = "gp", _("GP")
    GYNAECOLOGIST = "gynaecologist", _("Gynaecologist")
    UROLOGIST = "urologist", _("Urologist")
    PROCTOLOGIST = "proctologist", _("Proctologist")
    COLLEAGUE = "colleague", _("Colleague")


class ReferralTopic(models.TextChoices):
    PESSARY = "pessary", _("Pessary")
    MEDICATION = "medication", _("Medication (e.g. for an overactive bladder)")
    PAIN_MEDICATION = "pain_medication", _("Pain medication")
    LOCAL_OESTROGEN = "local_oestrogen", _("Local oestrogen")
    SURGERY = "surgery", _("Surgery")
    EXAMINATION = "examination", _("Medical examination")
    OTHER = "other", _("Other")


class NeedlingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class LetterKind(models.TextChoices):
    """The messages to the GP of the NHG/KNGF guideline on information exchange (see patients.rules.letters)."""

    REFERRAL_ANSWER = "referral_answer", _("Reply to the referral")
    SCREENING = "screening", _("Outcome of the direct-access screening")
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Signed and sent")


class AppointmentKind(models.TextChoices):
    EVALUATION = "evaluation", _("Evaluation")
    TREATMENT = "treatment", _("Treatment session")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    POSTNATAL_CHECK = "postnatal_check", _("Postnatal check")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class PGIImpression(models.IntegerChoices):
    """What each answer of the PGI-I means; 1 and 2 count as success, 3 is the smallest change a patient feels."""

    VERY_MUCH_BETTER = 1, _("very much better")
    MUCH_BETTER = 2, _("much better")
    A_LITTLE_BETTER = 3, _("a little better")
    NO_CHANGE = 4, _("no change")
    A_LITTLE_WORSE = 5, _("a little worse")
    MUCH_WORSE = 6, _("much worse")
    VERY_MUCH_WORSE = 7, _("very much worse")


class GoalsMet(models.TextChoices):
    MET = "met", _("Goals met")
    PARTLY = "partly", _("Goals partly met")
    NOT_MET = "not_met", _("Goals not met")


class PainSignal(models.TextChoices):
    """Why pain put an episode on the caseload's worklist."""

    PERSISTENT = "persistent", _("Pain stays high")
    RISING = "rising", _("Pain is rising")


class MessageSide(models.TextChoices):
    """Who wrote a secure message, or whom a notice tells of one: the patient, or the practice's therapists."""

    PATIENT = "patient", _("Patient")
    PRACTICE = "practice", _("Practice")


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day_before", _("Appointment tomorrow")
    LOG_NUDGE = "log_nudge", _("Nothing logged")
    QUESTIONNAIRE_SENT = "questionnaire_sent", _("Questionnaire sent")
    QUESTIONNAIRE_DUE = "questionnaire_due", _("Questionnaire due tomorrow")


# The red flags of the screening, in the order they are asked: (field name, question).
RED_FLAGS = [
    ("fever_or_malaise", _("Fever, chills or feeling unwell")),
    ("unexplained_bleeding", _("Blood in urine or stool, or vaginal bleeding outside menstruation")),
    ("saddle_anaesthesia", _("Numbness in the saddle area")),
    ("sudden_loss_of_control", _("Sudden loss of bladder or bowel control, or suddenly unable to void")),
    ("acute_trauma_pain", _("Sudden severe pain after a fall or lifting, or redness or swelling")),
    ("urinary_infection_signs", _("Burning on voiding, or cloudy or strong-smelling urine")),
    ("gynaecological_signs", _("Abnormal vaginal discharge, or severe cycle-related pelvic pain")),
    ("non_mechanical_pain", _("Constant, night or steadily worsening pain unaffected by posture, rest or heat")),
]


class DateCheck(models.TextChoices):
    """What a form does with a date of a finding that lies before the care it belongs to."""

    ASK = "ask"
    REFUSE = "refuse"


class ChangeClass(models.TextChoices):
    """How a measure moved from the first value to the latest, judged by its minimal important change."""

    IMPROVED = "improved", _("improved")
    UNCHANGED = "unchanged", _("unchanged")
    WORSE = "worse", _("worse")


class BodyView(models.TextChoices):
    """Which figure a pain map is drawn on."""

    FEMALE = "female", _("Female figure")
    MALE = "male", _("Male figure")


class PainMapSource(models.TextChoices):
    """Who drew the pain map."""

    THERAPIST = "therapist", _("Therapist")
    PATIENT = "patient", _("Patient, before the visit")


class PainRegionCode(models.TextChoices):
    """The regions a pain map offers, on the front view and the perineal view (left and right are the patient's)."""

    LOWER_ABDOMEN_RIGHT = "lower_abdomen_right", _("Lower abdomen, right")
    LOWER_ABDOMEN_LEFT = "lower_abdomen_left", _("Lower abdomen, left")
    SUPRAPUBIC = "suprapubic", _("Above the pubic bone")
    GROIN_RIGHT = "groin_right", _("Groin, right")
    GROIN_LEFT = "groin_left", _("Groin, left")
    INNER_THIGH_RIGHT = "inner_thigh_right", _("Inner thigh, right")
    INNER_THIGH_LEFT = "inner_thigh_left", _("Inner thigh, left")
    VULVA = "vulva", _("Vulva")
    PENIS = "penis", _("Penis")
    SCROTUM = "scrotum", _("Scrotum")
    VAGINAL_ENTRANCE = "vaginal_entrance", _("Vaginal entrance")
    PERINEUM = "perineum", _("Perineum")
    ANUS = "anus", _("Anus")
    COCCYX = "coccyx", _("Tailbone (coccyx)")
    SACRUM = "sacrum", _("Sacrum")
    SIT_BONE_RIGHT = "sit_bone_right", _("Sit bone, right")
    SIT_BONE_LEFT = "sit_bone_left", _("Sit bone, left")
    BUTTOCK_RIGHT = "buttock_right", _("Buttock, right")
    BUTTOCK_LEFT = "buttock_left", _("Buttock, left")


class PainCharacter(models.TextChoices):
    """How the pain feels, in the patient's words."""

    ACHING = "aching", _("Aching")
    BURNING = "burning", _("Burning")
    PRESSING = "pressing", _("Pressing")
    CRAMPING = "cramping", _("Cramping")
    STABBING = "stabbing", _("Stabbing")


# The regions of each figure: the front view, then the perineal view (seen from below, front at the top).
_FRONT_SHARED = [
    PainRegionCode.LOWER_ABDOMEN_RIGHT,
    PainRegionCode.LOWER_ABDOMEN_LEFT,
    PainRegionCode.SUPRAPUBIC,
    PainRegionCode.GROIN_RIGHT,
    PainRegionCode.GROIN_LEFT,
    PainRegionCode.INNER_THIGH_RIGHT,
    PainRegionCode.INNER_THIGH_LEFT,
]
_PERINEAL_SHARED = [
    PainRegionCode.PERINEUM,
    PainRegionCode.ANUS,
    PainRegionCode.COCCYX,
    PainRegionCode.SACRUM,
    PainRegionCode.BUTTOCK_RIGHT,
    PainRegionCode.BUTTOCK_LEFT,
    PainRegionCode.SIT_BONE_RIGHT,
    PainRegionCode.SIT_BONE_LEFT,
]
PAIN_REGIONS = {
    BodyView.FEMALE: {
        "front": [*_FRONT_SHARED, PainRegionCode.VULVA],
        "perineal": [PainRegionCode.VAGINAL_ENTRANCE, *_PERINEAL_SHARED],
    },
    BodyView.MALE: {
        "front": [*_FRONT_SHARED, PainRegionCode.SCROTUM, PainRegionCode.PENIS],
        "perineal": _PERINEAL_SHARED,
    },
}
