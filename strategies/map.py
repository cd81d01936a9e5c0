"""The interdependency map: this strategy in the middle, the strategies it touches around it, arrows
showing who contributes to whom. Server-rendered SVG (no script), with a table beside it for screen
readers and keyboard users."""

import math
from dataclasses import dataclass

from .models import Interdependency

WIDTH, HEIGHT, RADIUS = 640, 420, 150


@dataclass
class Node:
    x: float
    y: float
    strategy: object
    line: tuple  # from near the centre to near this node
    to_other: bool  # arrowhead at this node's end
    from_other: bool  # arrowhead at the centre's end

    @property
    def box(self):
        return round(self.x - 75, 1), round(self.y - 22, 1)


def _edge(dx: float, dy: float, half_width: float, half_height: float) -> float:
    """The fraction of the vector (dx, dy) at which it leaves a box of that size centred on its start."""
    limits = [half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf]
    return min(limits)


def interdependency_map(strategy, relations) -> dict:
    others = {}
    for rel in relations:
        outward = rel.strategy_id == strategy.pk
        other = rel.other if outward else rel.strategy
        to_other = rel.direction in (Interdependency.Direction.TO_OTHER, Interdependency.Direction.BOTH)
        from_other = rel.direction in (Interdependency.Direction.FROM_OTHER, Interdependency.Direction.BOTH)
        if not outward:
            to_other, from_other = from_other, to_other
        flags = others.setdefault(other.pk, [other, False, False])
        flags[1] |= to_other
        flags[2] |= from_other
    cx, cy = WIDTH / 2, HEIGHT / 2
    nodes = []
    for i, (other, to_other, from_other) in enumerate(others.values()):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        x, y = cx + RADIUS * 1.6 * math.cos(angle), cy + (RADIUS + 20) * math.sin(angle)
        # The line runs from the edge of the centre box to the edge of this one (with a small gap), so both
        # arrowheads stay visible whatever the angle.
        dx, dy = x - cx, y - cy
        leave = _edge(dx, dy, 80 + 6, 26 + 6)
        arrive = 1 - _edge(dx, dy, 75 + 6, 22 + 6)
        line = (cx + dx * leave, cy + dy * leave, cx + dx * arrive, cy + dy * arrive)
        nodes.append(
            Node(round(x, 1), round(y, 1), other, tuple(round(v, 1) for v in line), to_other, from_other)
        )
    # Crop the drawing to what is on it, so a few nodes do not leave a tall empty box.
    ys = [cy, *(n.y for n in nodes)]
    top, bottom = min(ys) - 40, max(ys) + 40
    return {
        "width": WIDTH,
        "height": round(bottom - top, 1),
        "top": round(top, 1),
        "cx": cx,
        "cy": cy,
        "centre_box": (cx - 80, cy - 26),
        "nodes": nodes,
    }
