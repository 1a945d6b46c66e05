"""Build ``groundfacts/data/countries.tsv`` from pycountry plus our override table.

Run by hand when pycountry or ``actors/data/country_overrides.tsv`` changes::

    python -m groundfacts.actors.build_countries

It is never imported by the library at run time.
"""

from __future__ import annotations

import gettext
import sys
from importlib import resources
from pathlib import Path

import pycountry

from groundfacts.actors.tsv import read_tsv

COLUMNS = ("iso2", "iso3", "name", "aliases_en", "aliases_id", "demonyms_en", "demonyms_id")

# Codes ACLED uses that ISO 3166-1 has not assigned.
EXTRA_CODES = {"XK": "XKX"}


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _merge(*groups: list[str], exclude: str = "") -> str:
    """Join aliases with '|', keeping first spelling of each and dropping the primary name."""
    seen = {exclude.casefold()} if exclude else set()
    out: list[str] = []
    for group in groups:
        for item in group:
            key = item.casefold()
            if key not in seen:
                seen.add(key)
                out.append(item)
    return "|".join(out)


def _usable(name: str) -> bool:
    # pycountry's inverted forms ("Korea, Republic of") never occur in running text.
    return bool(name) and ", " not in name


def build_rows() -> list[dict[str, str]]:
    overrides_path = resources.files("groundfacts.actors") / "data" / "country_overrides.tsv"
    overrides = {r["iso2"]: r for r in read_tsv(overrides_path)}
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    rows: list[dict[str, str]] = []
    codes = [(c.alpha_2, c.alpha_3) for c in pycountry.countries]
    codes += list(EXTRA_CODES.items())
    for iso2, iso3 in codes:
        ov = overrides.get(iso2, {})
        country = pycountry.countries.get(alpha_2=iso2)
        py_names: list[str] = []
        id_names: list[str] = []
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, "")
                if _usable(value):
                    py_names.append(value)
                translated = tr.gettext(value) if value else ""
                if _usable(translated) and translated != value:
                    id_names.append(translated)
            if not id_names and _usable(country.name):
                id_names.append(tr.gettext(country.name))
        fallback = country.name if country is not None else ""
        name = ov.get("name") or (py_names[0] if py_names else fallback)
        if not name:
            raise ValueError(f"no name for {iso2}: add it to country_overrides.tsv")
        rows.append(
            {
                "iso2": iso2,
                "iso3": iso3,
                "name": name,
                "aliases_en": _merge(py_names, _split(ov.get("aliases_en", "")), exclude=name),
                "aliases_id": _merge(_split(ov.get("aliases_id", "")), id_names),
                "demonyms_en": _merge(_split(ov.get("demonyms_en", ""))),
                "demonyms_id": _merge(_split(ov.get("demonyms_id", ""))),
            }
        )
    rows.sort(key=lambda r: r["iso2"])
    return rows


def write(rows: list[dict[str, str]], path: Path) -> None:
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(r[c] for c in COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "data"
    if target.is_dir():
        target = target / "countries.tsv"
    rows = build_rows()
    write(rows, target)
    print(f"wrote {len(rows)} countries to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
