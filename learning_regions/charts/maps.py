"""A map of the five OECD cases and of the places the Preface names.

The map is a plain ``Scattergeo`` of the coordinates in places.csv: no tile
server. Land, coast and border outlines come from Plotly's topojson file for
the world at 1:50m (``world_50m.json``), which the book serves itself; with
``basemap=False`` the map draws markers, labels and a graticule only and asks
for no file at all (plotly.js fetches topojson only when a land, coast,
country, ocean, lake or river layer is switched on).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table
from .accessible import ChartNumbers, numbers_for
from .data import case_names, oecd_case_ids
from .palette import SKY
from .style import CASE_COLOURS, GRID, LINE, base_layout, citation, esc, source_citation

#: Draw land, coasts and borders. The book serves Plotly's topojson files
#: itself (world_50m.json, copied by learning_regions.sphinx.assets; charts.js
#: sets ``topojsonURL``), so the map asks no other host for them. A page that
#: cannot serve them should call ``cases_map(basemap=False)``.
BASEMAP = True

#: The views the buttons switch between: label -> (longitude range, latitude range).
VIEWS: dict[str, tuple[list[float], list[float]]] = {
    "Europe": ([-13.0, 33.0], [35.0, 64.5]),
    "The Preface's Netherlands": ([3.0, 8.6], [50.3, 52.8]),
    "World (with Indonesia)": ([-25.0, 150.0], [-20.0, 68.0]),
}
#: Graticule spacing (degrees) in each view.
GRID_STEP = {"Europe": 5, "The Preface's Netherlands": 1, "World (with Indonesia)": 20}
#: About how large the map is drawn (px) in the book's column, for placing labels.
MAP_PX = (430.0, 450.0)
CHAR_PX, LINE_PX, GAP_PX, MARKER_PX = 6.8, 15.0, 8.0, 4.0
PREFACE = "Places the Preface names"


def _points() -> list[dict[str, Any]]:
    """Every place to draw, in labelling priority: the case places first
    (each case's own point first), then the Preface's cities, then the rest."""
    places = load_table("places")
    cases = {row["case_id"]: row for row in load_table("cases")}
    names = case_names()
    out: list[dict[str, Any]] = []
    for case in oecd_case_ids():
        rows = places.where(case_id=case)
        anchor = cases[case]
        rows.sort(key=lambda r: _distance(r, anchor))  # nearest the case's own point first
        for index, row in enumerate(rows):
            out.append({"row": row, "group": case, "label": names[case] if index == 0 else row["name"],
                        "priority": 0 if index == 0 else 3})
    for row in places:
        if not row["case_id"]:
            priority = 1 if row["kind"] in ("city", "country") else 2
            out.append({"row": row, "group": PREFACE, "label": row["name"], "priority": priority})
    return sorted(out, key=lambda p: p["priority"])


def _distance(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """Distance in degrees, longitude shrunk by the cosine of the latitude."""
    mid = math.radians((a["latitude"] + b["latitude"]) / 2)
    return math.hypot((a["longitude"] - b["longitude"]) * math.cos(mid), a["latitude"] - b["latitude"])


def _xy(lon: float, lat: float, view: str) -> tuple[float, float]:
    """Projected coordinates: Mercator for the close views, plain degrees for the world."""
    if view.startswith("World"):
        return math.radians(lon) * 0.87, math.radians(lat)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _labels(points: list[dict[str, Any]], view: str) -> tuple[list[str], list[str]]:
    """Labels and their positions for one view, placed in pixels as the map will
    draw them: a label goes above, below, right or left of its marker, wherever
    it overlaps no other label or marker and stays inside the map; a point
    with no free place is left unlabelled (its hover text still names it)."""
    (lon0, lon1), (lat0, lat1) = VIEWS[view]
    x0, y0 = _xy(lon0, lat0, view)
    x1, y1 = _xy(lon1, lat1, view)
    scale = min(MAP_PX[0] / (x1 - x0), MAP_PX[1] / (y1 - y0))
    width, height = (x1 - x0) * scale, (y1 - y0) * scale

    def px(row: Mapping[str, Any]) -> tuple[float, float]:
        x, y = _xy(row["longitude"], row["latitude"], view)
        return (x - x0) * scale, (y - y0) * scale

    spots = [px(p["row"]) for p in points]
    taken: list[tuple[float, float, float, float]] = []
    texts, positions = [], []
    for point, (x, y) in zip(points, spots):
        label = esc(point["label"])
        inside = 0 <= x <= width and 0 <= y <= height
        w, h, g, m = CHAR_PX * len(point["label"]), LINE_PX, GAP_PX, MARKER_PX
        candidates = {
            "top center": (x - w / 2, y + g, x + w / 2, y + g + h),
            "bottom center": (x - w / 2, y - g - h, x + w / 2, y - g),
            "middle right": (x + g, y - h / 2, x + g + w, y + h / 2),
            "middle left": (x - g - w, y - h / 2, x - g, y + h / 2),
        }
        chosen = None
        for position, box in candidates.items() if inside else ():
            fits = 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height
            clear = all(not _overlap(box, other) for other in taken) and all(
                not _overlap(box, (sx - m, sy - m, sx + m, sy + m))
                for sx, sy in spots if math.hypot(sx - x, sy - y) > 1
            )
            if fits and clear:
                chosen = position
                taken.append(box)
                break
        if inside and not chosen and point["priority"] == 0 and not view.startswith("World"):
            chosen = "top center"  # a case is always named, even if crowded
            taken.append(candidates[chosen])
        texts.append(label if chosen else "")
        positions.append(chosen or "top center")
    return texts, positions


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hover(point: Mapping[str, Any], names: Mapping[str, str]) -> str:
    row = point["row"]
    case = names.get(row["case_id"]) if row["case_id"] else None
    lines = [
        f"<b>{esc(row['name'])}</b> ({esc(row['kind'])}, {esc(row['country'])})",
        f"OECD case: {esc(case)}" if case else "Named in the Preface (no OECD case)",
        "Named in: " + esc(citation(row["source_id"], [row["locator"]])),
        f"{row['latitude']:.2f}° N, {row['longitude']:.2f}° E ({esc(row['coordinate_source'])})",
    ]
    return "<br>".join(lines)


def outlines(view: str) -> dict[str, object]:
    """Which land outlines a view draws with, and so which topojson file the
    browser fetches: Europe's at 1:50m (54 KB compressed) for the European
    views, the world's at 1:110m (41 KB) only when the reader asks for the
    world, instead of the world's at 1:50m (249 KB) for every view."""
    if view.startswith("World"):
        return {"geo.scope": "world", "geo.resolution": 110}
    return {"geo.scope": "europe", "geo.resolution": 50}


def cases_map(basemap: bool | None = None) -> go.Figure:
    """The five OECD cases and the Preface's places on one map, with buttons for
    Europe, a close-up of the Preface's Netherlands, and the world (Indonesia)."""
    basemap = BASEMAP if basemap is None else basemap
    points = _points()
    names = case_names()
    groups = [*oecd_case_ids(), PREFACE]
    view_names = list(VIEWS)
    labels = {view: _labels(points, view) for view in view_names}

    fig = go.Figure()
    index_of: dict[str, list[int]] = {}
    for group in groups:
        members = [i for i, p in enumerate(points) if p["group"] == group]
        index_of[group] = members
        preface = group == PREFACE
        fig.add_scattergeo(
            name=PREFACE if preface else names[group],
            lon=[points[i]["row"]["longitude"] for i in members],
            lat=[points[i]["row"]["latitude"] for i in members],
            ids=[points[i]["row"]["place_id"] for i in members],
            mode="markers+text",
            text=[labels[view_names[0]][0][i] for i in members],
            textposition=[labels[view_names[0]][1][i] for i in members],
            # 'auto' gives each label a halo in the contrasting colour, so it reads
            # over land and sea, in light and dark mode alike.
            textfont={"size": 12, "shadow": "auto"},
            marker={
                "size": 9 if preface else 12,
                "symbol": "diamond" if preface else "circle",
                "color": SKY if preface else CASE_COLOURS.get(group, SKY),
                "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            },
            hovertext=[_hover(points[i], names) for i in members],
            hovertemplate="%{hovertext}<extra></extra>",
        )

    lon, lat = VIEWS[view_names[0]]
    off_map = [p["row"] for p in points if not (lon[0] <= p["row"]["longitude"] <= lon[1]
                                                and lat[0] <= p["row"]["latitude"] <= lat[1])]
    note = ""
    if off_map:
        note = ("<br>" + ", ".join(esc(r["name"]) for r in off_map)
                + f" ({esc(citation(off_map[0]['source_id'], [off_map[0]['locator']]))}) appears only in the "
                + f"'{view_names[-1]}' view.")
    rows = [p["row"] for p in points]
    buttons = []
    for view in view_names:
        lon, lat = VIEWS[view]
        buttons.append({
            "label": view,
            "method": "update",
            "args": [
                {"text": [[labels[view][0][i] for i in index_of[g]] for g in groups],
                 "textposition": [[labels[view][1][i] for i in index_of[g]] for g in groups]},
                {"geo.lonaxis.range": lon, "geo.lataxis.range": lat,
                 "geo.lonaxis.dtick": GRID_STEP[view], "geo.lataxis.dtick": GRID_STEP[view],
                 "geo.projection.type": "natural earth" if view.startswith("World") else "mercator",
                 **outlines(view)},
            ],
        })

    base_layout(
        fig,
        title="Five OECD cases spread across Western Europe; the Preface's<br>"
              "meeting places cluster around the Netherlands, and reach Indonesia",
        subtitle="Coloured circles: the places the OECD article names for each case, labelled with the case.<br>"
                 "Blue diamonds: the places the Preface names. Hover over a point for its name and source."
                 + note,
        source=source_citation(rows, prefix="Places named in")
        + ". Coordinates: public gazetteers, rounded to 0.01° (places.csv).",
        height=700,
        headroom=6,
        bottom=60,
        left=10,
        right=10,
        legend=False,
        buttons=[{"buttons": buttons}],
    )
    fig.update_layout(
        geo={
            "projection": {"type": "mercator"},
            "lonaxis": {"range": VIEWS[view_names[0]][0], "showgrid": True, "gridcolor": GRID,
                        "dtick": GRID_STEP[view_names[0]]},
            "lataxis": {"range": VIEWS[view_names[0]][1], "showgrid": True, "gridcolor": GRID,
                        "dtick": GRID_STEP[view_names[0]]},
            "bgcolor": "rgba(0,0,0,0)",
            "showframe": True,
            "framecolor": LINE,
            **{key.split(".", 1)[1]: value for key, value in outlines(view_names[0]).items()},
            "showland": basemap,
            "landcolor": "rgba(128,128,128,0.2)",
            "showcoastlines": basemap,
            "coastlinecolor": "rgba(128,128,128,0.75)",
            "showcountries": basemap,
            "countrycolor": "rgba(128,128,128,0.55)",
            "showocean": False,
            "showlakes": False,
            "showrivers": False,
            "showsubunits": False,
        },
        margin={"l": 10, "r": 10},
    )
    return fig


@numbers_for(cases_map)
def cases_map_numbers(basemap: bool | None = None) -> ChartNumbers:
    names = case_names()
    points = _points()
    rows = [p["row"] for p in points]
    return ChartNumbers(
        title="The places on the map",
        description=(
            f"A map of {len(rows)} places. The OECD article's five cases are coloured circles: "
            + "; ".join(
                f"{names[c]} ({', '.join(r['name'] for r in rows if r['case_id'] == c)})" for c in oecd_case_ids()
            )
            + ". The places the Preface names are blue diamonds: "
            + ", ".join(r["name"] for r in rows if not r["case_id"])
            + ". Buttons switch between Europe, the Netherlands and the world, where Indonesia appears."
        ),
        columns=("Place", "Kind", "Country", "OECD case", "Latitude (° N)", "Longitude (° E)",
                 "Coordinates from", "Named in"),
        rows=tuple(
            (r["name"], r["kind"], r["country"], names.get(r["case_id"], "") if r["case_id"] else "(Preface)",
             f"{r['latitude']:.2f}", f"{r['longitude']:.2f}", r["coordinate_source"],
             citation(r["source_id"], [r["locator"]]))
            for r in rows
        ),
        source=source_citation(rows, prefix="Places named in"),
    )
