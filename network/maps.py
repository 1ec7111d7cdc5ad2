"""An accessible tile map of the gaps: one square per ORP, grouped by kraj, coloured by the coverage of the
minimal network and labelled with the figure itself (the colour is never the only carrier of the meaning).

Why tiles and not ORP shapes: no open data set of ORP boundaries can be fetched here (no internet; no package
on PyPI or npm ships them), so the map is a cartogram: ORPs in the order of their ČSÚ codes, which follow the
okresy, in a grid per kraj. The gap table on the same page is the primary, complete view."""

import math
from dataclasses import dataclass

from django.urls import reverse

TILE_W, TILE_H, GAP, COLUMNS = 92, 44, 4, 7


@dataclass
class Tile:
    orp: object
    x: int
    y: int
    level: str  # met | near | short | far | none
    row: object  # the GapRow shown, or None
    url: str

    @property
    def short_name(self) -> str:
        name = self.orp.short_name or self.orp.name
        return name if len(name) <= 13 else name[:12] + "…"

    @property
    def value(self) -> str:
        """The coverage written on the tile (the colour is never the only carrier)."""
        from network.templatetags.network import indicator

        return "–" if self.row is None or self.row.coverage is None else indicator(self.row.coverage, True)


def coverage_level(row) -> str:
    if row is None or row.coverage is None:
        return "none"
    if row.coverage >= 1:
        return "met"
    if row.coverage >= 0.8:
        return "near"
    if row.coverage >= 0.5:
        return "short"
    return "far"


def tile_blocks(rows, orps, *, subject: str, year: int) -> list[dict]:
    """Per kraj: its tiles (every ORP, with or without a row of `subject`) and the SVG's size."""
    by_orp = {}
    for row in rows:
        if row.subject == subject and row.orp.pk not in by_orp:
            by_orp[row.orp.pk] = row
    blocks = {}
    for orp in sorted(orps, key=lambda o: (o.kraj.name, o.pk)):
        blocks.setdefault(orp.kraj, []).append(orp)
    result = []
    for kraj, members in blocks.items():
        tiles = []
        for index, orp in enumerate(members):
            row = by_orp.get(orp.pk)
            x, y = (index % COLUMNS) * (TILE_W + GAP), (index // COLUMNS) * (TILE_H + GAP)
            tiles.append(Tile(orp=orp, x=x, y=y, level=coverage_level(row), row=row,
                              url=reverse("network:orp-gaps", args=[orp.pk]) + f"?year={year}"))
        rows_count = math.ceil(len(members) / COLUMNS)
        result.append({"kraj": kraj, "tiles": tiles, "width": min(len(members), COLUMNS) * (TILE_W + GAP),
                       "height": rows_count * (TILE_H + GAP)})
    return result
