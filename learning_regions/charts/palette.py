"""The book's one palette, and the colour of each case taken from it.

Every chart and widget colours a case with :func:`case_colour`. The cases the
book ships with keep the colours they have always had; a case a lecturer adds
to cases.csv gets the next palette colour that no case uses yet, never grey.
Only when there are more cases than colours does a colour come round again.
"""

from __future__ import annotations

import os

from ..loader import load_table

#: Set by the book build from companion_colour in _config.yml (and by the book
#: page for its Python): the university's colour, which the readers' own marks take.
ACCENT_ENV = "LEARNING_REGIONS_ACCENT"

# Okabe and Ito's palette, readable with the common colour-vision deficiencies.
# Yellow is left out: it is unreadable as a line or label on a white page.
BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#7A7A7A",
)
OKABE_ITO = (BLUE, ORANGE, GREEN, PINK, SKY, VERMILION)
# After Okabe and Ito's six: mid-tone colours after Paul Tol's "muted" scheme,
# which read on the book's white and on its dark page alike, in the order that
# keeps each new one farthest from those before it (olive first: nothing else
# is yellow-green).
OLIVE, INDIGO, WINE, TEAL, ROSE, PURPLE = "#999933", "#6F62C4", "#A8497A", "#44AA99", "#CC6677", "#AA4499"

#: The colours cases take, in order: Okabe and Ito's, then Tol's.
CASE_PALETTE = (BLUE, ORANGE, GREEN, PINK, VERMILION, SKY, OLIVE, INDIGO, WINE, TEAL, ROSE, PURPLE)

#: The colours of the book's own cases, the same in every chart since the
#: first edition (a reader who learnt "Jena is blue" keeps it).
BOOK_CASE_COLOURS = {
    "jena": BLUE,
    "poitiers": ORANGE,
    "oresund": GREEN,
    "andalusia": PINK,
    "kent": VERMILION,
    "editors-team": SKY,
}


def case_colours() -> dict[str, str]:
    """case_id -> colour for every case in cases.csv, in its order."""
    ids = [row["case_id"] for row in load_table("cases")]
    colours = {case: BOOK_CASE_COLOURS[case] for case in ids if case in BOOK_CASE_COLOURS}
    free = [colour for colour in CASE_PALETTE if colour not in colours.values()]
    for case in ids:
        if case not in colours:
            colours[case] = free.pop(0) if free else CASE_PALETTE[len(colours) % len(CASE_PALETTE)]
    return {case: colours[case] for case in ids}


def case_colour(case_id: str) -> str:
    """The colour of one case (a case_id cases.csv does not know gets the first palette colour)."""
    return case_colours().get(case_id, CASE_PALETTE[0])


def yours() -> str:
    """The colour of the reader's own marks (their reading, their mix): the
    site's colour where the build or the page gives it, else Okabe and Ito's blue."""
    accent = os.environ.get(ACCENT_ENV, "")
    return accent if len(accent) == 7 and accent.startswith("#") else BLUE


def rgba(colour: str, alpha: float) -> str:
    """'#0072B2', 0.3 -> 'rgba(0, 114, 178, 0.3)'."""
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {alpha})"


__all__ = [
    "BLUE",
    "BOOK_CASE_COLOURS",
    "CASE_PALETTE",
    "GREEN",
    "GREY",
    "INDIGO",
    "OKABE_ITO",
    "OLIVE",
    "ORANGE",
    "PINK",
    "PURPLE",
    "ROSE",
    "SKY",
    "TEAL",
    "VERMILION",
    "WINE",
    "case_colour",
    "case_colours",
    "rgba",
    "yours",
]
