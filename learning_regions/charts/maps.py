"""A map of the cases (the OECD article's and any a lecturer adds) and of the
places the Preface names.

The map is a plain ``Scattergeo`` of the coordinates in places.csv: no tile
server. Land, coast and border outlines come from Plotly's topojson file for
the world at 1:50m (``world_50m.json``), which the book serves itself; with
``basemap=False`` the map draws markers, labels and a graticule only and asks
for no file at all (plotly.js fetches topojson only when a land, coast,
country, ocean, lake or river layer is switched on).
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table
from .accessible import ChartNumbers, numbers_for
from .data import OECD_KIND, PREFACE_KIND, case_kinds, case_names, kind_label, oecd_case_ids
from .palette import SKY, case_colour
from .style import GRID, LINE, base_layout, citation, counted, esc, not_shown, number_word, source_citation

#: Draw land, coasts and borders. The book serves Plotly's topojson files
#: itself (world_50m.json, copied by companion_tools.sphinx.assets; charts.js
#: sets ``topojsonURL``), so the map asks no other host for them. A page that
#: cannot serve them should call ``cases_map(basemap=False)``.
BASEMAP = True

#: The views the buttons switch between: label -> (longitude range, latitude range).
#: Short labels, so the three buttons fit a phone.
VIEWS: dict[str, tuple[list[float], list[float]]] = {
    "Europe": ([-13.0, 33.0], [35.0, 64.5]),
    "Netherlands": ([3.0, 8.6], [50.3, 52.8]),
    "World": ([-25.0, 150.0], [-20.0, 68.0]),
}
#: The view that holds every place (it grows to hold a lecturer's far-away case).
WORLD = "World"
#: Graticule spacing (degrees) in each view.
GRID_STEP = {"Europe": 5, "Netherlands": 1, "World": 20}
#: About how large the map is drawn (px) in the book's column, for placing labels.
MAP_PX = (430.0, 450.0)
CHAR_PX, LINE_PX, GAP_PX, MARKER_PX = 6.8, 15.0, 8.0, 4.0
PREFACE = "Places the Preface names"


def mapped_case_ids() -> list[str]:
    """The cases with places in places.csv: the OECD cases in the article's
    order, then every other case in the order of cases.csv."""
    with_places = {row["case_id"] for row in load_table("places") if row["case_id"]}
    oecd = oecd_case_ids()
    others = [case for case in case_names() if case not in oecd]
    return [case for case in oecd + others if case in with_places]


def left_off_the_map() -> dict[str, str]:
    """name -> why, for each case the map cannot draw (the Preface's team is
    drawn as the places the Preface names)."""
    kinds, mapped = case_kinds(), mapped_case_ids()
    return {
        name: "no place in places.csv"
        for case, name in case_names().items()
        if case not in mapped and kinds[case] != PREFACE_KIND
    }


def _points() -> list[dict[str, Any]]:
    """Every place to draw, in labelling priority: the case places first
    (each case's own point first), then the Preface's cities, then the rest."""
    places = load_table("places")
    cases = {row["case_id"]: row for row in load_table("cases")}
    names = case_names()
    out: list[dict[str, Any]] = []
    for case in mapped_case_ids():
        rows = places.where(case_id=case)
        anchor = cases[case]
        rows.sort(key=lambda r: _distance(r, anchor))  # nearest the case's own point first
        for index, row in enumerate(rows):
            out.append(
                {
                    "row": row,
                    "group": case,
                    "label": names[case] if index == 0 else row["name"],
                    "priority": 0 if index == 0 else 3,
                }
            )
    for row in places:
        if not row["case_id"]:
            priority = 1 if row["kind"] in ("city", "country") else 2
            out.append({"row": row, "group": PREFACE, "label": row["name"], "priority": priority})
    return sorted(out, key=lambda p: p["priority"])


def _distance(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """Distance in degrees, longitude shrunk by the cosine of the latitude."""
    mid = math.radians((a["latitude"] + b["latitude"]) / 2)
    return math.hypot((a["longitude"] - b["longitude"]) * math.cos(mid), a["latitude"] - b["latitude"])


def views(points: list[dict[str, Any]] | None = None) -> dict[str, tuple[list[float], list[float]]]:
    """The views the buttons switch between, the world's grown to hold every point."""
    out = dict(VIEWS)
    (lon0, lon1), (lat0, lat1) = VIEWS[WORLD]
    for point in points or ():
        lon, lat = point["row"]["longitude"], point["row"]["latitude"]
        lon0, lon1 = (lon - 10 if lon < lon0 else lon0), (lon + 10 if lon > lon1 else lon1)
        lat0, lat1 = (lat - 8 if lat < lat0 else lat0), (lat + 8 if lat > lat1 else lat1)
    out[WORLD] = ([max(lon0, -180.0), min(lon1, 180.0)], [max(lat0, -85.0), min(lat1, 85.0)])
    return out


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
    (lon0, lon1), (lat0, lat1) = views(points)[view]
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
                for sx, sy in spots
                if math.hypot(sx - x, sy - y) > 1
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


def degrees(latitude: float, longitude: float) -> str:
    """A position as a reader writes it, with the hemisphere as a letter:
    ``degrees(37.39, -5.98)`` is ``"37.39° N, 5.98° W"``."""
    lat = f"{abs(latitude):.2f}° {'S' if latitude < 0 else 'N'}"
    lon = f"{abs(longitude):.2f}° {'W' if longitude < 0 else 'E'}"
    return f"{lat}, {lon}"


def _hover(point: Mapping[str, Any], names: Mapping[str, str], kinds: Mapping[str, str]) -> str:
    row = point["row"]
    case = names.get(row["case_id"]) if row["case_id"] else None
    if case is None:
        which = "Named in the Preface (no OECD case)"
    elif kinds[row["case_id"]] == OECD_KIND:
        which = f"OECD case: {esc(case)}"
    else:
        which = f"Case: {esc(case)} ({esc(kind_label(kinds[row['case_id']]))})"
    lines = [
        f"<b>{esc(row['name'])}</b> ({esc(row['kind'])}, {esc(row['country'])})",
        which,
        "Named in: " + esc(citation(row["source_id"], [row["locator"]])),
        f"{degrees(row['latitude'], row['longitude'])} ({esc(row['coordinate_source'])})",
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
    """Every case with places (the OECD article's first) and the Preface's
    places on one map, with buttons for Europe, a close-up of the Preface's
    Netherlands, and the world (Indonesia). A case it cannot draw is named
    under the map."""
    basemap = BASEMAP if basemap is None else basemap
    points = _points()
    names, kinds = case_names(), case_kinds()
    cases = mapped_case_ids()
    groups = [*cases, PREFACE]
    view_ranges = views(points)
    view_names = list(view_ranges)
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
                "color": SKY if preface else case_colour(group),
                "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            },
            hovertext=[_hover(points[i], names, kinds) for i in members],
            hovertemplate="%{hovertext}<extra></extra>",
        )

    lon, lat = view_ranges[view_names[0]]
    off_map = [
        p["row"]
        for p in points
        if not (lon[0] <= p["row"]["longitude"] <= lon[1] and lat[0] <= p["row"]["latitude"] <= lat[1])
    ]
    note = ""
    if off_map:
        note = (
            "<br>"
            + ", ".join(f"{esc(r['name'])} ({esc(citation(r['source_id'], [r['locator']]))})" for r in off_map)
            + (" appears" if len(off_map) == 1 else " appear")
            + f" only in the '{view_names[-1]}' view."
        )
    rows = [p["row"] for p in points]
    buttons = []
    for view in view_names:
        lon, lat = view_ranges[view]
        buttons.append(
            {
                "label": view,
                "method": "update",
                "args": [
                    {
                        "text": [[labels[view][0][i] for i in index_of[g]] for g in groups],
                        "textposition": [[labels[view][1][i] for i in index_of[g]] for g in groups],
                    },
                    {
                        "geo.lonaxis.range": lon,
                        "geo.lataxis.range": lat,
                        "geo.lonaxis.dtick": GRID_STEP[view],
                        "geo.lataxis.dtick": GRID_STEP[view],
                        "geo.projection.type": "natural earth" if view.startswith("World") else "mercator",
                        **outlines(view),
                    },
                ],
            }
        )

    base_layout(
        fig,
        title=_title(points, cases, names, kinds),
        subtitle=(
            "Coloured circles: the places the OECD article names for each case, labelled with the case.<br>"
            if all(kinds[c] == OECD_KIND for c in cases)
            else "Coloured circles: the places each case's source names, labelled with the case.<br>"
        )
        + "Blue diamonds: the places the Preface names. Hover over a point for its name and source."
        + note,
        note=not_shown(left_off_the_map()),
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
            "lonaxis": {
                "range": view_ranges[view_names[0]][0],
                "showgrid": True,
                "gridcolor": GRID,
                "dtick": GRID_STEP[view_names[0]],
            },
            "lataxis": {
                "range": view_ranges[view_names[0]][1],
                "showgrid": True,
                "gridcolor": GRID,
                "dtick": GRID_STEP[view_names[0]],
            },
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


def _title(points: list[dict[str, Any]], cases: list[str], names: dict[str, str], kinds: dict[str, str]) -> str:
    """The map's finding, counted from the data: how many OECD cases (and
    which other cases), and whether they all lie in the Europe view."""
    oecd = [c for c in cases if kinds[c] == OECD_KIND]
    others = [names[c] for c in cases if c not in oecd]
    (lon0, lon1), (lat0, lat1) = VIEWS["Europe"]
    in_europe = all(
        lon0 <= p["row"]["longitude"] <= lon1 and lat0 <= p["row"]["latitude"] <= lat1
        for p in points
        if p["group"] != PREFACE
    )
    who = f"{number_word(len(oecd)).capitalize()} OECD {'case' if len(oecd) == 1 else 'cases'}"
    if others:
        who += " and " + (esc(others[0]) if len(others) == 1 else f"{number_word(len(others))} other cases")
    where = "spread across Europe" if in_europe else "not all of them in Europe"
    countries = Counter(p["row"]["country"] for p in points if p["group"] == PREFACE)
    if not countries:
        return f"{who} {where}"
    spread = f"lie in {counted(len(countries), 'country', 'countries')}"
    top = [country for country, _ in countries.most_common(2)]
    if len(countries) > 2 and 2 * sum(countries[c] for c in top) > sum(countries.values()):
        spread += f", most in {_country(top[0])} and {_country(top[1])}"
    return f"{who} {where}; the Preface's places<br>{spread}"


def _country(name: str) -> str:
    """A country's name as it reads in a sentence ("the Netherlands")."""
    return esc(f"the {name}" if name in _WITH_ARTICLE else name)


_WITH_ARTICLE = frozenset({"Netherlands", "United Kingdom", "United States", "Czech Republic", "Philippines"})


@numbers_for(cases_map)
def cases_map_numbers(basemap: bool | None = None) -> ChartNumbers:
    names, kinds = case_names(), case_kinds()
    points = _points()
    rows = [p["row"] for p in points]
    cases = mapped_case_ids()
    oecd = [c for c in cases if kinds[c] == OECD_KIND]
    others = [c for c in cases if c not in oecd]
    left_out = not_shown(left_off_the_map())
    return ChartNumbers(
        title="The places on the map",
        description=(
            f"A map of {len(rows)} places. The OECD article's {number_word(len(oecd))} cases"
            + (f" and {', '.join(names[c] for c in others)}" if others else "")
            + " are coloured circles: "
            + "; ".join(f"{names[c]} ({', '.join(r['name'] for r in rows if r['case_id'] == c)})" for c in cases)
            + ". The places the Preface names are blue diamonds: "
            + ", ".join(r["name"] for r in rows if not r["case_id"])
            + ". Buttons switch between Europe, the Netherlands and the world, where Indonesia appears."
            + (" " + html.unescape(left_out) if left_out else "")
        ),
        columns=(
            "Place",
            "Kind",
            "Country",
            "Case",
            "Latitude (° N)",
            "Longitude (° E)",
            "Coordinates from",
            "Named in",
        ),
        rows=tuple(
            (
                r["name"],
                r["kind"],
                r["country"],
                names.get(r["case_id"], "") if r["case_id"] else "(Preface)",
                f"{r['latitude']:.2f}",
                f"{r['longitude']:.2f}",
                r["coordinate_source"],
                citation(r["source_id"], [r["locator"]]),
            )
            for r in rows
        ),
        source=source_citation(rows, prefix="Places named in"),
    )
