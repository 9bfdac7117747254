"""Where the network explorer draws each node, in pure Python and deterministic.

Places sit at their true direction from Tilburg (where the team held its first planning meeting) at
a distance on a logarithmic scale, so that Nijmegen and Tampere both fit on
one screen; everything else is placed by a small seeded force-directed layout
with the places held fixed. The same seed always gives the same positions.
"""

from __future__ import annotations

import functools
import math
import random

from .model import ANCHOR_PLACE, Network, load_network

LAYOUT_SEED = 2014
#: Force layout: the length a link pulls towards, and how far repulsion reaches.
IDEAL_LINK = 1.0
REPULSION_RANGE = 3.0
#: Distance on screen grows with log(1 + km / DISTANCE_SCALE_KM) ...
DISTANCE_SCALE_KM = 20.0
#: ... and places farther than this are drawn at this distance (Indonesia).
FARTHEST_DRAWN_KM = 2500.0


def _great_circle(lat0: float, lon0: float, lat1: float, lon1: float) -> tuple[float, float]:
    """Distance in km and initial bearing (radians, clockwise from north)."""
    p0, p1, dl = math.radians(lat0), math.radians(lat1), math.radians(lon1 - lon0)
    a = math.sin((p1 - p0) / 2) ** 2 + math.cos(p0) * math.cos(p1) * math.sin(dl / 2) ** 2
    distance = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
    bearing = math.atan2(
        math.sin(dl) * math.cos(p1), math.cos(p0) * math.sin(p1) - math.sin(p0) * math.cos(p1) * math.cos(dl)
    )
    return distance, bearing


def screen_radius(km: float) -> float:
    return math.log1p(km / DISTANCE_SCALE_KM)


def place_positions(network: Network, min_gap: float = 0.45) -> dict[str, tuple[float, float]]:
    """Places at their direction from Tilburg, distance on a log scale; places
    closer than ``min_gap`` on screen are pushed apart (deterministically)."""
    anchor = network.nodes[ANCHOR_PLACE]
    ids = sorted(n for n, node in network.nodes.items() if node.kind == "place")
    pos: dict[str, list[float]] = {}
    for node_id in ids:
        node = network.nodes[node_id]
        km, bearing = _great_circle(anchor.latitude, anchor.longitude, node.latitude, node.longitude)
        r = screen_radius(min(km, FARTHEST_DRAWN_KM))
        pos[node_id] = [r * math.sin(bearing), r * math.cos(bearing)]
    for _ in range(60):
        moved = False
        for i, a in enumerate(ids):
            for j in range(i + 1, len(ids)):
                b = ids[j]
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                d = math.hypot(dx, dy)
                if d >= min_gap:
                    continue
                if d < 1e-9:  # the same point: separate along a fixed direction
                    angle = 2.4 * (i + j)
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (min_gap - d) / 2 + 1e-6
                ux, uy = dx / d, dy / d
                if a == ANCHOR_PLACE:  # the anchor stays put
                    pos[b][0] += 2 * push * ux
                    pos[b][1] += 2 * push * uy
                elif b == ANCHOR_PLACE:
                    pos[a][0] -= 2 * push * ux
                    pos[a][1] -= 2 * push * uy
                else:
                    pos[a][0] -= push * ux
                    pos[a][1] -= push * uy
                    pos[b][0] += push * ux
                    pos[b][1] += push * uy
                moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in pos.items()}


@functools.lru_cache(maxsize=4)
def _force_layout(seed: int, iterations: int) -> tuple[tuple[str, float, float], ...]:
    """Every node's position as (node, x, y), places fixed and the rest placed by forces (cached)."""
    network = load_network()
    fixed = place_positions(network)
    free = sorted(n for n in network.nodes if n not in fixed)
    rng = random.Random(seed)
    xs = [p[0] for p in fixed.values()]
    ys = [p[1] for p in fixed.values()]
    pos = {n: [p[0], p[1]] for n, p in fixed.items()}
    neighbours: dict[str, list[str]] = {n: [] for n in network.nodes}
    for link in network.links:
        neighbours[link.source].append(link.target)
        neighbours[link.target].append(link.source)
    # Start each free node near the places it is linked to (or near Tilburg).
    for n in free:
        anchors = [fixed[m] for m in neighbours[n] if m in fixed]
        cx = sum(a[0] for a in anchors) / len(anchors) if anchors else 0.0
        cy = sum(a[1] for a in anchors) / len(anchors) if anchors else 0.0
        pos[n] = [cx + rng.uniform(-1.0, 1.0), cy + rng.uniform(-1.0, 1.0)]
    ideal = IDEAL_LINK
    everyone = sorted(pos)
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    for step in range(iterations):
        temperature = 0.25 * (1 - step / iterations) + 0.003
        shift = {n: [0.0, 0.0] for n in free}
        for n in free:
            x, y = pos[n]
            for m in everyone:
                if m == n:
                    continue
                dx, dy = x - pos[m][0], y - pos[m][1]
                d2 = dx * dx + dy * dy
                if d2 > REPULSION_RANGE**2:
                    continue
                d2 = max(d2, 1e-4)
                force = ideal * ideal / d2 * (1.6 if m in fixed else 1.0)
                shift[n][0] += dx * force
                shift[n][1] += dy * force
        for link in network.links:
            a, b = link.source, link.target
            dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
            d = math.hypot(dx, dy) or 1e-6
            force = d / ideal
            if a in shift:
                shift[a][0] += dx * force
                shift[a][1] += dy * force
            if b in shift:
                shift[b][0] -= dx * force
                shift[b][1] -= dy * force
        for n in free:
            sx, sy = shift[n]
            length = math.hypot(sx, sy)
            if length > 0:
                limit = min(length, temperature)
                pos[n][0] += sx / length * limit
                pos[n][1] += sy / length * limit
            pos[n][0] = min(max(pos[n][0], min(xs) - 0.2 * span), max(xs) + 0.2 * span)
            pos[n][1] = min(max(pos[n][1], min(ys) - 0.2 * span), max(ys) + 0.2 * span)
    return tuple((n, round(pos[n][0], 4), round(pos[n][1], 4)) for n in sorted(pos))


def node_positions(seed: int = LAYOUT_SEED, iterations: int = 250) -> dict[str, tuple[float, float]]:
    """Screen position of every node; the same seed always gives the same positions."""
    return {n: (x, y) for n, x, y in _force_layout(seed, iterations)}


__all__ = [
    "DISTANCE_SCALE_KM",
    "FARTHEST_DRAWN_KM",
    "IDEAL_LINK",
    "LAYOUT_SEED",
    "REPULSION_RANGE",
    "node_positions",
    "place_positions",
    "screen_radius",
]
