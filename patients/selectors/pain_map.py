"""Pain maps as they are drawn: the outlines of the two figures, each region's shape, and the maps of an episode."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from patients.choices import PAIN_REGIONS, BodyView, PainRegionCode, Sex
from patients.models import PainMap, PainMapRequest, PainRegion


def _circle(cx, cy, r):
    return f"M {cx - r} {cy} a {r} {r} 0 1 0 {2 * r} 0 a {r} {r} 0 1 0 {-2 * r} 0 Z"


def _mirror(path):
    """Return a path of absolute M/L/C/Q commands mirrored onto the patient's other side."""
    words = path.split()
    mirrored, index = [], 0
    while index < len(words):
        if words[index].isalpha():
            mirrored.append(words[index])
            index += 1
        else:
            mirrored.extend([f"{200 - float(words[index]):g}", words[index + 1]])
            index += 2
    return " ".join(mirrored)


def _ellipse(cx, cy, rx, ry):
    return f"M {cx - rx} {cy} a {rx} {ry} 0 1 0 {2 * rx} 0 a {rx} {ry} 0 1 0 {-2 * rx} 0 Z"


# Both figures are 200 × 220, the patient's right on the viewer's left as on a clinical drawing.
# The front view runs from the waist to mid-thigh.
FRONT_OUTLINE = (
    "M 60 6 C 58 36 36 58 31 92 C 27 128 37 178 44 214 L 89 214 C 91 188 94 166 100 156 "
    "C 106 166 109 188 111 214 L 156 214 C 163 178 173 128 169 92 C 164 58 142 36 140 6 Z"
)
# The perineal view is seen from below with the thighs apart: the pubis at the top, the sacrum at the bottom.
PERINEAL_OUTLINE = (
    "M 42 6 C 30 56 12 104 20 156 C 28 200 78 214 100 196 C 122 214 172 200 180 156 "
    "C 188 104 170 56 158 6 L 128 6 C 122 36 112 54 100 56 C 88 54 78 36 72 6 Z"
)
# Lines that help the eye find its way but are not regions: the navel, the cleft, the thighs' folds.
LANDMARKS = {
    "front": [_circle(100, 38, 2.2)],
    "perineal": ["M 100 172 L 100 196", "M 74 42 Q 86 60 100 60 Q 114 60 126 42"],
}
RIGHT_LOWER_ABDOMEN = "M 98 48 L 98 94 L 80 94 L 42 76 C 44 66 50 56 58 48 Z"
RIGHT_GROIN = "M 42 80 L 78 97 L 83 124 L 74 130 C 60 120 48 108 39 96 C 39 90 40 85 42 80 Z"
RIGHT_INNER_THIGH = "M 74 150 C 82 156 88 162 92 172 L 89 208 L 77 208 C 74 188 72 168 74 150 Z"
RIGHT_BUTTOCK = "M 86 98 C 58 94 28 112 28 150 C 30 184 56 198 80 190 L 92 166 L 88 140 Z"
REGION_SHAPES = {
    PainRegionCode.LOWER_ABDOMEN_RIGHT: RIGHT_LOWER_ABDOMEN,
    PainRegionCode.LOWER_ABDOMEN_LEFT: _mirror(RIGHT_LOWER_ABDOMEN),
    PainRegionCode.SUPRAPUBIC: "M 80 97 L 120 97 L 115 123 Q 100 129 85 123 Z",
    PainRegionCode.GROIN_RIGHT: RIGHT_GROIN,
    PainRegionCode.GROIN_LEFT: _mirror(RIGHT_GROIN),
    PainRegionCode.INNER_THIGH_RIGHT: RIGHT_INNER_THIGH,
    PainRegionCode.INNER_THIGH_LEFT: _mirror(RIGHT_INNER_THIGH),
    PainRegionCode.VULVA: "M 100 128 C 91 134 91 146 100 154 C 109 146 109 134 100 128 Z",
    PainRegionCode.SCROTUM: "M 86 140 C 82 160 94 170 100 166 C 106 170 118 160 114 140 Z",
    PainRegionCode.PENIS: "M 93 126 L 107 126 L 107 152 C 107 159 93 159 93 152 Z",
    PainRegionCode.VAGINAL_ENTRANCE: _ellipse(100, 80, 9, 15),
    PainRegionCode.PERINEUM: "M 90 100 L 110 100 L 109 114 L 91 114 Z",
    PainRegionCode.ANUS: _circle(100, 126, 8),
    PainRegionCode.COCCYX: "M 95 140 L 105 140 L 103 158 L 97 158 Z",
    PainRegionCode.SACRUM: "M 96 162 L 104 162 L 118 184 Q 100 192 82 184 Z",
    PainRegionCode.BUTTOCK_RIGHT: RIGHT_BUTTOCK,
    PainRegionCode.BUTTOCK_LEFT: _mirror(RIGHT_BUTTOCK),
    PainRegionCode.SIT_BONE_RIGHT: _ellipse(64, 132, 12, 10),
    PainRegionCode.SIT_BONE_LEFT: _ellipse(200 - 64, 132, 12, 10),
}
FIGURE_TITLES = {"front": _("Front view"), "perineal": _("Perineal view, seen from below")}
# Where the labels of a figure's sides go: (x, y, text).
FIGURE_LABELS = {
    "front": [(16, 20, _("R")), (184, 20, _("L"))],
    "perineal": [(16, 20, _("R")), (184, 20, _("L")), (100, 18, _("front")), (100, 214, _("back"))],
}


@dataclass
class RegionShape:
    code: str
    label: str
    path: str
    intensity: int | None = None
    character: str = ""

    @property
    def chosen(self):
        return self.intensity is not None


@dataclass
class Figure:
    key: str
    title: str
    outline: str
    landmarks: list
    labels: list
    regions: list = field(default_factory=list)


def pain_figures(body_view, regions=()):
    """Return the two figures of the body view, each region shaded by the intensity the map gives it."""
    marked = {region.region: region for region in regions}
    figures = []
    for key, codes in PAIN_REGIONS.get(body_view, PAIN_REGIONS[BodyView.FEMALE]).items():
        shapes = []
        for code in codes:
            region = marked.get(code)
            shapes.append(
                RegionShape(
                    code=code,
                    label=PainRegionCode(code).label,
                    path=REGION_SHAPES[code],
                    intensity=region.intensity if region else None,
                    character=region.get_character_display() if region else "",
                )
            )
        outline = FRONT_OUTLINE if key == "front" else PERINEAL_OUTLINE
        figures.append(Figure(key, FIGURE_TITLES[key], outline, LANDMARKS[key], FIGURE_LABELS[key], shapes))
    return figures


@dataclass
class DrawnMap:
    pain_map: PainMap
    figures: list
    regions: list

    @property
    def prefix(self):
        """Return what makes the ids of this map's drawing unique on the page."""
        return f"painmap-{self.pain_map.pk}-"


def episode_pain_maps(user, episode) -> list[DrawnMap]:
    """Return the episode's pain maps, the latest first, with their figures (two queries whatever their number)."""
    maps = (
        PainMap.objects.for_user(user)
        .filter(episode=episode)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("regions", queryset=PainRegion.objects.order_by("pk")))
        .order_by("-recorded_on", "-pk")
    )
    drawn = []
    for pain_map in maps:
        regions = sorted(pain_map.regions.all(), key=lambda region: -region.intensity)
        drawn.append(DrawnMap(pain_map, pain_figures(pain_map.body_view, regions), regions))
    return drawn


def open_pain_map_request(user, episode=None):
    """Return the request for a pain map that waits for the patient (of this episode, or of the patient's own)."""
    requests = PainMapRequest.objects.for_user(user).filter(answered_at__isnull=True).select_related("episode")
    if episode is not None:
        requests = requests.filter(episode=episode)
    return requests.order_by("-requested_at", "-pk").first()


def body_view_for(patient):
    """Return the figure that fits the patient: the male figure for a man, the female one otherwise."""
    return BodyView.MALE if patient.sex == Sex.MALE else BodyView.FEMALE
