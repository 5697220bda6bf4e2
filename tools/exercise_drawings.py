"""Draw the built-in exercises' two-panel line drawings into programs/static/programs/exercises/.

A development tool, not part of the app: the committed SVG files are what the app serves. Run it
after changing a pose (`python tools/exercise_drawings.py`) and look at every drawing before
committing. Every figure is composed from the same parts, so the drawings keep one style: a dark
line figure facing right, the far limbs lighter, the moving part and the arrow in one accent colour,
a floor line, and the pelvis as a small bowl whose floor lights up when it works.
"""

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "programs" / "static" / "programs" / "exercises"

INK = "#1f2a44"
FAR = "#8f99ab"
ACCENT = "#d9480f"
PROP = "#6b7385"
SOFT = "#eef1f6"
W, H, GAP = 200, 160, 30
FLOOR = 146

TORSO, NECK, HEAD = 44, 5, 10
UPPER_ARM, FOREARM = 22, 20
THIGH, SHIN, FOOT = 30, 30, 9


def at(point, angle, length):
    """Return the point `length` away from `point` at `angle` degrees (0 right, 90 up)."""
    rad = math.radians(angle)
    return (point[0] + length * math.cos(rad), point[1] - length * math.sin(rad))


def line(points, colour=INK, width=5.0, dash=""):
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"{dashed}/>'


def arrow(points, colour=ACCENT, width=3.5, both=False):
    """A polyline with a filled head at its end (and its start when `both`)."""
    parts = [line(points, colour, width)]
    ends = [(points[-2], points[-1])] + ([(points[1], points[0])] if both else [])
    for before, tip in ends:
        angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
        left = (tip[0] - 9 * math.cos(angle - 0.45), tip[1] - 9 * math.sin(angle - 0.45))
        right = (tip[0] - 9 * math.cos(angle + 0.45), tip[1] - 9 * math.sin(angle + 0.45))
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (tip, left, right))
        parts.append(f'<polygon points="{coords}" fill="{colour}" stroke="{colour}" stroke-width="1.5"/>')
    return "".join(parts)


def arc(centre, radius, start, end, steps=12):
    """Return points along a circle from angle `start` to `end` (degrees, 0 right, 90 up)."""
    return [at(centre, start + (end - start) * n / steps, radius) for n in range(steps + 1)]


class Figure:
    """A side-view line figure from a few joint angles; `accent` names the parts drawn in the accent colour."""

    def __init__(
        self,
        hip,
        torso=90,
        neck=None,
        legs=((-90, -90), None),
        arms=((-80, -80), None),
        feet=(0, None),
        accent=(),
        floor="",
        floor_side=-90,
    ):
        self.hip, self.torso = hip, torso
        self.neck = torso if neck is None else neck
        self.legs = [legs[0], legs[1] or legs[0]]
        self.arms = [arms[0], arms[1] or arms[0]]
        self.feet = [feet[0], feet[1] if feet[1] is not None else feet[0]]
        self.accent = set(accent)
        self.floor = floor  # "up", "down", "wide", "hold", "flick", "strong", or "" for a quiet pelvic floor
        self.floor_side = floor_side  # where its arrow stands: -90 in front of the body, 90 behind it

    @property
    def shoulder(self):
        return at(self.hip, self.torso, TORSO)

    @property
    def head(self):
        return at(self.shoulder, self.neck, NECK + HEAD)

    def knee(self, side=0):
        return at(self.hip, self.legs[side][0], THIGH)

    def ankle(self, side=0):
        return at(self.knee(side), self.legs[side][1], SHIN)

    def elbow(self, side=0):
        return at(self.shoulder, self.arms[side][0], UPPER_ARM)

    def hand(self, side=0):
        return at(self.elbow(side), self.arms[side][1], FOREARM)

    def colour(self, part, side):
        if part in self.accent or f"{part}{side}" in self.accent:
            return ACCENT
        return FAR if side == 1 else INK

    def limbs(self, side):
        toe = at(self.ankle(side), self.feet[side], FOOT)
        return line([self.hip, self.knee(side), self.ankle(side), toe], self.colour("leg", side)) + line(
            [self.shoulder, self.elbow(side), self.hand(side)], self.colour("arm", side)
        )

    def pelvis(self):
        """The pelvis as a small bowl at the hip; bowl and arrow turn to the accent when the pelvic floor works."""
        down, front = self.torso + 180, self.torso + self.floor_side
        centre = at(self.hip, self.torso, 4)
        colour = ACCENT if self.floor else INK
        parts = [line(arc(centre, 12, down - 65, down + 65), colour, 4 if self.floor else 3)]
        base = at(centre, down, 12)
        parts.append(f'<circle cx="{base[0]:.1f}" cy="{base[1]:.1f}" r="4" fill="{colour}"/>')
        beside = at(self.hip, front, 20 if self.floor_side < 0 else 15)
        if self.floor in ("up", "hold", "flick", "strong"):
            parts.append(arrow([at(beside, down, 9), at(beside, self.torso, 9)]))
        if self.floor == "strong":
            second = at(beside, front, 9)
            parts.append(arrow([at(second, down, 9), at(second, self.torso, 9)]))
        if self.floor == "flick":
            parts[-1] = arrow([at(beside, down, 9), at(beside, self.torso, 9)], both=True)
        if self.floor == "down":
            parts.append(arrow([at(beside, self.torso, 9), at(beside, down, 9)]))
        if self.floor == "wide":
            parts.append(arrow([at(base, down + 90, 10), at(base, down + 90, 22)]))
            parts.append(arrow([at(base, down - 90, 10), at(base, down - 90, 22)]))
        if self.floor == "hold":
            parts.append(stopwatch(at(beside, front, 16)))
        return "".join(parts)

    def svg(self):
        torso_colour = ACCENT if "torso" in self.accent else INK
        head = self.head
        head_colour = ACCENT if "head" in self.accent else INK
        return "".join(
            [
                self.limbs(1),
                line([self.hip, self.shoulder, at(self.shoulder, self.neck, NECK)], torso_colour, 6.5),
                f'<circle cx="{head[0]:.1f}" cy="{head[1]:.1f}" r="{HEAD}" fill="#fff" stroke="{head_colour}" stroke-width="4.5"/>',
                self.pelvis(),
                self.limbs(0),
            ]
        )


def stopwatch(centre):
    x, y = centre
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#fff" stroke="{ACCENT}" stroke-width="2.5"/>'
        + line([(x, y - 7), (x, y - 10)], ACCENT, 2.5)
        + line([(x, y), (x, y - 4.5), (x, y), (x + 3.5, y)], ACCENT, 2)
    )


def breath_in(figure):
    """Ribs widening: two arcs either side of the chest, in the accent colour."""
    chest = at(figure.hip, figure.torso, TORSO * 0.62)
    side = figure.torso + 90
    parts = [
        line(arc(chest, 15, side - 35, side + 35, 8), ACCENT, 3),
        line(arc(chest, 15, side + 145, side + 215, 8), ACCENT, 3),
    ]
    nose = at(figure.head, figure.neck - 90, HEAD + 14)
    towards = at(figure.head, figure.neck - 90, HEAD + 3)
    parts.append(arrow([nose, towards], ACCENT, 2.5))
    return "".join(parts)


def breath_out(figure, length=26):
    """Air leaving the mouth: three soft lines from the face."""
    face = figure.neck - 90
    mouth = at(figure.head, face, HEAD + 4)
    parts = []
    for spread, size in ((-14, 0.7), (0, 1.0), (14, 0.7)):
        start = at(mouth, face + spread, 2)
        parts.append(line([start, at(start, face + spread, length * size)], ACCENT, 2.5, "5 4"))
    return "".join(parts)


def floor(x0=8, x1=W - 8):
    return line([(x0, FLOOR), (x1, FLOOR)], PROP, 2.5)


def mat(x0=22, x1=W - 22):
    return f'<rect x="{x0}" y="{FLOOR - 5}" width="{x1 - x0}" height="5" rx="2.5" fill="{SOFT}" stroke="{PROP}" stroke-width="1.5"/>'


def pillow(x, y, rx=14, ry=6):
    return f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="{SOFT}" stroke="{PROP}" stroke-width="2"/>'


def chair(x, seat=96, back=True, width=40):
    """A side-view chair whose seat front edge is at x + width."""
    parts = [line([(x, seat), (x + width, seat)], PROP, 4), line([(x + 4, seat), (x + 4, FLOOR)], PROP, 3)]
    parts.append(line([(x + width - 4, seat), (x + width - 4, FLOOR)], PROP, 3))
    if back:
        parts.append(line([(x + 2, seat), (x - 4, seat - 46)], PROP, 4))
    return "".join(parts)


def toilet(x, seat=100):
    """A side-view toilet whose bowl front is at x + 40."""
    return (
        f'<path d="M{x} {seat} H{x + 42} Q{x + 40} {seat + 22} {x + 26} {seat + 24} L{x + 24} {FLOOR} H{x + 6} L{x + 6} {seat + 14}" '
        f'fill="{SOFT}" stroke="{PROP}" stroke-width="3" stroke-linejoin="round"/>'
        f'<rect x="{x - 10}" y="{seat - 34}" width="12" height="34" rx="3" fill="{SOFT}" stroke="{PROP}" stroke-width="3"/>'
    )


def stool(x, width=28, height=20):
    return f'<rect x="{x}" y="{FLOOR - height}" width="{width}" height="{height}" rx="3" fill="{SOFT}" stroke="{PROP}" stroke-width="3"/>'


def glass(x, y, size=1.0, full=True):
    w, h = 14 * size, 22 * size
    parts = [
        f'<path d="M{x:.1f} {y:.1f} L{x + w:.1f} {y:.1f} L{x + w * 0.85:.1f} {y + h:.1f} L{x + w * 0.15:.1f} {y + h:.1f} Z" fill="#fff" stroke="{PROP}" stroke-width="2.5" stroke-linejoin="round"/>'
    ]
    if full:
        parts.append(
            f'<path d="M{x + w * 0.06:.1f} {y + h * 0.35:.1f} L{x + w * 0.94:.1f} {y + h * 0.35:.1f} L{x + w * 0.85:.1f} {y + h:.1f} L{x + w * 0.15:.1f} {y + h:.1f} Z" fill="{ACCENT}" opacity="0.55"/>'
        )
    return "".join(parts)


def bowl(x, y, size=1.0):
    r = 18 * size
    dots = "".join(
        f'<circle cx="{x + dx * size:.1f}" cy="{y - 3 * size + dy * size:.1f}" r="{2.6 * size:.1f}" fill="{ACCENT}"/>'
        for dx, dy in ((-10, 0), (-4, -3), (3, 0), (9, -2), (-1, 3), (6, 3), (-7, 4))
    )
    return dots + (
        f'<path d="M{x - r:.1f} {y:.1f} A{r:.1f} {r * 0.8:.1f} 0 0 0 {x + r:.1f} {y:.1f} Z" fill="#fff" stroke="{PROP}" stroke-width="2.5" stroke-linejoin="round"/>'
    )


def cup(x, y):
    steam = "".join(line([(x + dx, y - 4), (x + dx - 3, y - 10), (x + dx + 1, y - 16)], PROP, 2) for dx in (5, 12))
    return steam + (
        f'<rect x="{x}" y="{y}" width="18" height="18" rx="3" fill="#fff" stroke="{PROP}" stroke-width="2.5"/>'
        f'<path d="M{x + 18} {y + 4} q8 0 8 6 t-8 6" fill="none" stroke="{PROP}" stroke-width="2.5"/>'
    )


def clock(x, y, r=13, hands=((0, 0.55), (90, 0.8))):
    parts = [f'<circle cx="{x}" cy="{y}" r="{r}" fill="#fff" stroke="{PROP}" stroke-width="2.5"/>']
    parts += [line([(x, y), at((x, y), angle, r * size)], PROP, 2.5) for angle, size in hands]
    return "".join(parts)


def sun(x, y):
    rays = "".join(line([at((x, y), a, 9), at((x, y), a, 13)], PROP, 2) for a in range(0, 360, 45))
    return rays + f'<circle cx="{x}" cy="{y}" r="6" fill="#fff" stroke="{PROP}" stroke-width="2.5"/>'


def moon(x, y):
    return f'<path d="M{x + 3} {y - 9} A9 9 0 1 0 {x + 3} {y + 9} A7 7 0 1 1 {x + 3} {y - 9} Z" fill="#fff" stroke="{PROP}" stroke-width="2.5"/>'


def warmth(x, y):
    return "".join(
        line([(x + dx, y), (x + dx - 3, y - 6), (x + dx + 1, y - 12), (x + dx - 2, y - 18)], ACCENT, 2.5)
        for dx in (-7, 0, 7)
    )


def drops(x, y):
    return "".join(
        f'<path d="M{x + dx} {y + dy} q-2.5 4 0 5.5 q2.5 -1.5 0 -5.5 Z" fill="{ACCENT}" stroke="{ACCENT}" stroke-width="1.5"/>'
        for dx, dy in ((-10, 0), (0, 6), (10, 1), (-5, 14), (6, 16), (-12, 20), (12, 24))
    )


# The poses, named after where the body is.
def hook_lying(**kw):
    """On the back, knees bent, feet flat; head to the left."""
    kw.setdefault("legs", ((48, -62), (52, -58)))
    kw.setdefault("arms", ((-8, -2), (-5, 0)))
    return Figure((112, FLOOR - 10), torso=180, **kw)


def sitting(x=70, seat=96, **kw):
    """Upright on a chair seat, thighs level, shins down, feet flat."""
    kw.setdefault("legs", ((0, -90), (4, -88)))
    kw.setdefault("arms", ((-75, -10), (-80, -15)))
    kw.setdefault("torso", 90)
    kw.setdefault("floor_side", 90)
    return Figure((x, seat - 7), **kw)


def standing(x=100, **kw):
    kw.setdefault("legs", ((-88, -92), (-93, -88)))
    kw.setdefault("arms", ((-80, -75), (-95, -90)))
    kw.setdefault("torso", 90)
    return Figure((x, FLOOR - THIGH - SHIN - 3), **kw)


def panel(content, x_offset):
    return f'<g transform="translate({x_offset} 0)">{content}</g>'


def drawing(first, second):
    """Two panels, start on the left and the movement on the right, an arrow between them."""
    mid = W + GAP / 2
    between = arrow([(mid - 9, H / 2), (mid + 9, H / 2)], PROP, 3)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * W + GAP} {H}" '
        f'stroke-linecap="round" stroke-linejoin="round" fill="none">'
        f'<rect x="1" y="1" width="{W - 2}" height="{H - 2}" rx="10" fill="#fff" stroke="{SOFT}" stroke-width="2"/>'
        f'<rect x="{W + GAP + 1}" y="1" width="{W - 2}" height="{H - 2}" rx="10" fill="#fff" stroke="{SOFT}" stroke-width="2"/>'
        f"{panel(first, 0)}{between}{panel(second, W + GAP)}</svg>\n"
    )


def lying_scene(figure, *extra, mat_on=True):
    """A figure on the floor, drawn a quarter larger: lying down it would otherwise fill a third of the panel."""
    zoomed = "".join(extra) + figure.svg()
    return (
        (mat(12, W - 12) if mat_on else "")
        + floor()
        + f'<g transform="translate(100 {FLOOR}) scale(1.25) translate(-100 -{FLOOR})">{zoomed}</g>'
    )


def drawings():
    """Return {code: svg} for every built-in exercise."""
    d = {}

    hook = hook_lying()
    pillowed = hook_lying(legs=((30, -40), (34, -36)))
    d["breathing-lying"] = drawing(
        lying_scene(pillowed, pillow(134, FLOOR - 12, 16, 8), breath_in(pillowed)),
        lying_scene(pillowed_out := hook_lying(legs=((30, -40), (34, -36)), floor="up"), pillow(134, FLOOR - 12, 16, 8))
        + breath_out(pillowed_out),
    )
    sit = sitting()
    sit_in = sitting(floor="down")
    d["long-exhale"] = drawing(
        chair(40) + floor() + sit_in.svg() + breath_in(sit_in),
        chair(40) + floor() + (out := sitting(arms=((-70, -5), (-75, -10)))).svg() + breath_out(out, 40),
    )
    d["sit-bones-apart"] = drawing(
        chair(40) + floor() + (wide := sitting(floor="wide")).svg() + breath_in(wide),
        chair(40) + floor() + sit.svg() + breath_out(sit),
    )
    flat = Figure((112, FLOOR - 10), torso=180, legs=((0, 0), (2, 2)), feet=(80, 85), arms=((-175, -178), None))
    scan = "".join(
        [
            arrow([(150, FLOOR - 34), (100, FLOOR - 38), (45, FLOOR - 40)], ACCENT, 3),
        ]
    )
    d["body-scan"] = drawing(
        lying_scene(flat, pillow(44, FLOOR - 8, 14, 5)),
        lying_scene(flat, pillow(44, FLOOR - 8, 14, 5), scan) + breath_out(flat, 18),
    )
    heat_pack = f'<rect x="82" y="{FLOOR - 26}" width="22" height="12" rx="5" fill="{ACCENT}" opacity="0.8"/>' + warmth(
        93, FLOOR - 30
    )
    d["heat-lower-belly"] = drawing(
        lying_scene(hook) + arrow([(93, FLOOR - 70), (93, FLOOR - 40)]) + heat_pack.replace(warmth(93, FLOOR - 30), ""),
        lying_scene(hook, heat_pack) + breath_out(hook),
    )
    shower = (
        line([(160, FLOOR), (160, 20), (130, 20), (130, 28)], PROP, 4)
        + f'<path d="M118 28 H142 L138 34 H122 Z" fill="{SOFT}" stroke="{PROP}" stroke-width="2.5"/>'
    )
    under = standing(x=118, arms=((-70, -60), (-100, -110)), neck=80)
    tub = (
        f'<path d="M20 {FLOOR - 44} H184 V{FLOOR - 16} Q184 {FLOOR - 6} 172 {FLOOR - 6} H32 Q20 {FLOOR - 6} 20 {FLOOR - 16} Z" fill="{SOFT}" stroke="{PROP}" stroke-width="3"/>'
        + line([(34, FLOOR - 6), (34, FLOOR)], PROP, 3)
        + line([(170, FLOOR - 6), (170, FLOOR)], PROP, 3)
    )
    bather = Figure((96, FLOOR - 26), torso=155, legs=((55, -50), (60, -45)), arms=((-60, 0), None), feet=(0, None))
    water = line([(24, FLOOR - 36), (180, FLOOR - 36)], ACCENT, 3, "8 5")
    d["warm-shower-bath"] = drawing(
        floor() + shower + drops(130, 40) + under.svg() + breath_out(under, 18),
        floor() + bather.svg() + tub + water + warmth(150, FLOOR - 52),
    )
    kneel = Figure(
        (104, FLOOR - THIGH - 6), torso=90, legs=((-90, 180), (-92, 178)), feet=(200, None), arms=((-85, -85), None)
    )
    child = Figure(
        (62, FLOOR - 16),
        torso=14,
        neck=-10,
        legs=((-25, 180), (-28, 178)),
        feet=(200, None),
        arms=((-5, 0), (-3, 1)),
        accent=("torso", "arm"),
    )
    d["childs-pose-wide"] = drawing(
        mat() + floor() + kneel.svg(),
        mat() + floor() + child.svg() + arrow([(70, 76), (110, 70), (140, 96)]),
    )
    tucked = hook_lying(legs=((118, 5), (124, 10)), arms=((50, 10), (55, 15)), feet=(60, None), accent=("leg",))
    d["knees-to-chest"] = drawing(
        lying_scene(hook),
        lying_scene(tucked) + arrow([(170, 120), (160, 86), (130, 70)]),
    )
    d["buttock-stretch"] = drawing(top_view(cross=True), top_view(cross=True, pull=True))
    d["butterfly-lying"] = drawing(top_view(open_knees=False), top_view(open_knees=True))
    tilt = hook_lying(floor="")
    rock = arrow(arc((112, FLOOR - 10), 22, 200, 330, 10), ACCENT, 3.5, both=True)
    d["pelvic-tilts-lying"] = drawing(lying_scene(hook), lying_scene(tilt) + rock)
    walk_a = standing(x=90)
    walk_b = standing(
        x=110, legs=((-70, -100), (-110, -115)), arms=((-60, -40), (-120, -120)), feet=(10, -20), accent=("arm", "leg")
    )
    d["relaxed-walk"] = drawing(
        floor() + walk_a.svg(),
        floor() + walk_b.svg() + arrow([(150, 110), (185, 110)]) + breath_out(walk_b, 14),
    )
    bridge = Figure(
        (112, FLOOR - 34),
        torso=(180 + 31),
        neck=180,
        legs=((10, -80), (14, -78)),
        arms=((-150, -178), None),
        accent=("torso",),
        floor="up",
    )
    d["bridge-with-floor"] = drawing(
        lying_scene(hook), lying_scene(bridge) + arrow([(112, FLOOR - 4), (112, FLOOR - 26)]) + breath_out(bridge, 14)
    )
    d["find-pelvic-floor"] = drawing(lying_scene(hook), lying_scene(hook_lying(floor="up")))
    d["slow-holds-lying"] = drawing(lying_scene(hook), lying_scene(hook_lying(floor="hold")))
    d["slow-holds-sitting"] = drawing(
        chair(40) + floor() + sit.svg(), chair(40) + floor() + sitting(floor="hold").svg()
    )
    stand = standing()
    d["slow-holds-standing"] = drawing(floor() + stand.svg(), floor() + standing(floor="hold").svg())
    d["strong-squeezes"] = drawing(lying_scene(hook), lying_scene(hook_lying(floor="strong")))
    d["quick-flicks-lying"] = drawing(lying_scene(hook), lying_scene(hook_lying(floor="flick")))
    d["quick-flicks-standing"] = drawing(
        chair(40) + floor() + sitting(floor="flick").svg(), floor() + standing(floor="flick").svg()
    )
    cough = standing(arms=((-40, 110), (-95, -90)), neck=70, floor="up")
    puff = "".join(line([at(cough.head, angle, 16), at(cough.head, angle, 26)], ACCENT, 3) for angle in (-10, 10, 30))
    d["the-knack"] = drawing(floor() + standing(floor="up").svg(), floor() + cough.svg() + puff)
    front = sitting(x=76, seat=96, legs=((-12, -96), (-8, -92)), torso=62, neck=55, arms=((-30, -10), (-40, -20)))
    risen = standing(x=110, floor="up", accent=("leg",))
    d["sit-to-stand"] = drawing(
        chair(40, back=True) + floor() + front.svg(),
        chair(40, back=True) + floor() + risen.svg() + arrow([(150, 100), (150, 60)]),
    )
    bag = f'<path d="M{{x}} {{y}} h18 v20 h-18 Z M{{hx}} {{y}} q5 -9 10 0" fill="{SOFT}" stroke="{PROP}" stroke-width="2.5"/>'
    bend = Figure((76, FLOOR - 44), torso=58, neck=45, legs=((-12, -100), (-16, -96)), arms=((-55, -70), (-60, -75)))
    lifted = standing(x=100, arms=((-85, -80), (-92, -88)), accent=("arm",), floor="up")
    hand = lifted.hand()
    d["exhale-on-effort"] = drawing(
        floor() + bag.format(x=118, y=FLOOR - 20, hx=122) + bend.svg() + breath_in(bend),
        floor()
        + lifted.svg()
        + bag.format(x=round(hand[0] - 9), y=round(hand[1] + 2), hx=round(hand[0] - 5))
        + breath_out(lifted, 22)
        + arrow([(150, 120), (150, 86)]),
    )
    hop = Figure(
        (100, FLOOR - THIGH - SHIN - 16),
        torso=90,
        legs=((-80, -100), (-84, -96)),
        arms=((-70, -60), (-100, -110)),
        feet=(-20, None),
        accent=("leg",),
        floor="up",
    )
    d["small-hops"] = drawing(
        floor() + standing(floor="up", legs=((-80, -100), (-84, -96))).svg(),
        floor()
        + hop.svg()
        + arrow([(150, 120), (150, 88)], both=True)
        + line([(82, FLOOR - 6), (118, FLOOR - 6)], FAR, 2, "3 5"),
    )
    seated = sitting(x=72, seat=100, legs=((0, -90), (4, -88)), arms=((-70, -10), (-75, -15)))
    lean = sitting(
        x=72, seat=100, torso=70, neck=65, legs=((0, -90), (4, -88)), arms=((-80, 0), (-85, -5)), accent=("torso",)
    )
    d["toilet-posture-bladder"] = drawing(
        toilet(36, 100) + floor() + seated.svg(),
        toilet(36, 100) + floor() + lean.svg() + breath_out(lean, 18),
    )
    stool_up = sitting(x=72, seat=100, legs=((20, -70), (24, -66)), arms=((-70, -10), (-75, -15)))
    forward = sitting(
        x=72,
        seat=100,
        torso=55,
        neck=45,
        legs=((20, -70), (24, -66)),
        arms=((-60, 10), (-65, 5)),
        accent=("torso", "arm"),
    )
    d["toilet-posture-bowel"] = drawing(
        toilet(36, 100) + floor() + stool(104, 30, 20) + stool_up.svg(),
        toilet(36, 100) + floor() + stool(104, 30, 20) + forward.svg() + breath_out(forward, 18),
    )
    still = standing(x=80, arms=((-80, -75), (-95, -90)))
    d["real-urge-only"] = drawing(
        floor() + still.svg() + breath_out(still, 24) + clock(160, 40),
        toilet(36, 100) + floor() + seated.svg() + clock(160, 40, hands=((0, 0.55), (-90, 0.8))),
    )
    drinking = sitting(arms=((-30, 100), (-80, -15)))
    sip = drinking.hand()
    day = line([(16, 70), (184, 70)], PROP, 2.5)
    glasses = "".join(glass(20 + n * 21, 84, 0.85) for n in range(8))
    d["fluid-intake"] = drawing(
        chair(40) + floor() + drinking.svg() + glass(round(sip[0] - 2), round(sip[1] - 14), 0.8),
        day + sun(28, 46) + moon(172, 46) + glasses,
    )
    steps = "".join(bowl(34 + n * 44, 120 - n * 18, 0.55 + n * 0.15) for n in range(4))
    d["fibre-intake"] = drawing(
        floor() + bowl(84, 112, 1.5) + glass(140, 86, 1.4),
        floor() + steps + arrow([(20, 70), (130, 30)], ACCENT, 3) + glass(170, 96, 1.0),
    )
    d["bowel-routine"] = drawing(
        floor()
        + f'<rect x="40" y="{FLOOR - 50}" width="120" height="6" rx="3" fill="{SOFT}" stroke="{PROP}" stroke-width="2.5"/>'
        + line([(52, FLOOR - 44), (52, FLOOR)], PROP, 3)
        + line([(148, FLOOR - 44), (148, FLOOR)], PROP, 3)
        + cup(72, FLOOR - 68)
        + bowl(128, FLOOR - 54, 0.9)
        + sun(40, 30),
        toilet(36, 100) + floor() + stool(104, 30, 20) + stool_up.svg() + clock(166, 34, hands=((0, 0.55), (30, 0.8))),
    )
    box = f'<rect x="{{x}}" y="{{y}}" width="26" height="22" rx="3" fill="{SOFT}" stroke="{PROP}" stroke-width="2.5"/>'
    carry = standing(x=90, arms=((-70, -5), (-75, -10)), floor="up")
    carry_hand = carry.hand()
    rest = sitting(x=96, arms=((-80, -10), (-85, -15)), torso=100, neck=100)
    d["load-management"] = drawing(
        floor()
        + carry.svg()
        + box.format(x=round(carry_hand[0] - 4), y=round(carry_hand[1] - 14))
        + breath_out(carry, 16),
        chair(66) + floor() + rest.svg() + clock(166, 34) + breath_out(rest, 16),
    )
    desk = sitting(x=70, arms=((-50, 0), (-55, -5)))
    stretch = standing(x=110, arms=((40, 50), (140, 130)), accent=("arm",))
    d["movement-breaks"] = drawing(
        chair(40) + floor() + desk.svg() + clock(166, 34, hands=((0, 0.55), (-30, 0.8))),
        floor() + stretch.svg() + arrow([(150, 100), (150, 50)]),
    )
    return d


def top_view(open_knees=False, cross=False, pull=False):
    """The body seen from above, lying on the back: the hips and knees show what a side view hides."""
    cx, hip_y = 100, 86
    parts = [f'<rect x="60" y="12" width="80" height="136" rx="8" fill="{SOFT}" stroke="{PROP}" stroke-width="1.5"/>']
    parts.append(f'<circle cx="{cx}" cy="24" r="{HEAD}" fill="#fff" stroke="{INK}" stroke-width="4.5"/>')
    parts.append(line([(cx, 34), (cx, hip_y)], INK, 6.5))
    for side in (-1, 1):
        hand = (cx + side * 22, 88)
        if pull and side == -1:
            hand = (cx - 10, hip_y + 6)
        parts.append(line([(cx, 40), (cx + side * 16, 42), (cx + side * 20, 64), hand], INK))
    if open_knees:
        for side in (-1, 1):
            knee, foot = (cx + side * 34, hip_y + 24), (cx + side * 5, hip_y + 44)
            parts.insert(1, pillow(knee[0], knee[1] + 4, 9, 9))
            parts.append(line([(cx + side * 7, hip_y), knee, foot], ACCENT))
        parts.append(arrow([(cx + 16, hip_y + 12), (cx + 32, hip_y + 8)]))
        parts.append(arrow([(cx - 16, hip_y + 12), (cx - 32, hip_y + 8)]))
    elif cross:
        # Left knee bent up (pulled nearer the chest in the second panel); right ankle across it.
        left_knee = (cx - 6, hip_y + (14 if pull else 30))
        parts.append(line([(cx - 7, hip_y), left_knee, (cx - 9, left_knee[1] + (22 if pull else 26))], INK))
        right_knee = (cx + 34, hip_y + 22)
        parts.append(line([(cx + 7, hip_y), right_knee, (left_knee[0] - 6, left_knee[1] + 2)], ACCENT if pull else INK))
        if pull:
            parts.append(arrow([(cx - 22, hip_y + 40), (cx - 22, hip_y + 12)]))
    else:
        for side in (-1, 1):
            parts.append(
                line([(cx + side * 7, hip_y), (cx + side * 12, hip_y + 26), (cx + side * 10, hip_y + 50)], INK)
            )
    parts.append(line(arc((cx, hip_y + 1), 10, 200, 340), INK, 3))
    return "".join(parts)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for code, svg in drawings().items():
        (OUT / f"{code}.svg").write_text(svg)
    print(f"{len(drawings())} drawings written to {OUT}")
