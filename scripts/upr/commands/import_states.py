"""``upr import states``: create ``states/<iso3>.md`` for the 193 UN Member States and
the 2 observer States, once, from public reference tables.

Sources (in ``--from``, default the real data folder, see SOURCES.md):

* ``mledoze_countries/countries.json`` (ODbL): ISO alpha-2/alpha-3, UN membership,
  UN regional group, alternative spellings. Its ``unMember`` is wrong for the Holy
  See (VAT), which is an observer State like the State of Palestine (PSE).
* ``cehdi_upr-maternal-health/UNSD_Methodology.csv`` (UNSD M49 table; ``;``, BOM):
  M49 codes (kept as 3-digit strings: Algeria is ``012``).
* ``cehdi_upr-maternal-health/countries.xlsx`` (UNTERM): short and formal names in
  English, French and Spanish. It has no codes, so rows are matched to ISO3 through
  the UNSD name. Short names carry an article in brackets (``Norvège (la)``): the
  display short name drops it; formal names are kept as UNTERM writes them.

Files that exist are never touched (people edit them by hand): the command prints
``kept states/nor.md (exists; edit by hand)``. Running it twice changes nothing.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from ..config import settings as make_settings
from ..names import NameIndex, name_key, strip_article, strip_leading_article
from ..site import atomic_write
from ..states import summary_line
from ..yamlio import dump_yaml

MLEDOZE = "mledoze_countries/countries.json"
UNSD = "cehdi_upr-maternal-health/UNSD_Methodology.csv"
UNTERM = "cehdi_upr-maternal-health/countries.xlsx"

OBSERVERS = {"VAT", "PSE"}

# mledoze spells the groups differently from the UN's own name for Asia-Pacific.
GROUPS = {
    "African Group": "African Group",
    "Asia and the Pacific Group": "Asia-Pacific Group",
    "Eastern European Group": "Eastern European Group",
    "Latin American and Caribbean Group": "Latin American and Caribbean Group",
    "Western European and Others Group": "Western European and Others Group",
}

# Spellings used by UPR sources that no reference table has: the UPR Info database
# export (2018), the compiled session lists (press releases, NGO pages) and common
# older names. Checked by tests against every SuR/RS name in the real exports.
UPR_ALIASES: dict[str, list[str]] = {
    "ATG": ["Antigua & Barbuda"],
    "BOL": ["Bolivia"],
    "BIH": ["Bosnia & Herzegovina"],
    "BRN": ["Brunei"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast"],
    "COD": ["Democratic Republic of Congo", "DR Congo", "DRC"],
    "COG": ["Republic of Congo", "Congo (Republic of)"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "FSM": ["Micronesia", "Micronesia (Federated States of)"],
    "GBR": ["United Kingdom", "UK"],
    "GMB": ["The Gambia"],
    "GNB": ["Guinea Bissau"],
    "IRN": ["Iran", "Iran (Islamic Republic of)"],
    "KNA": ["St Kitts & Nevis", "St Kitts and Nevis", "Saint Kitts & Nevis"],
    "KOR": ["South Korea", "Korea (Republic of)"],
    "LAO": ["Laos", "Lao PDR"],
    "LCA": ["St Lucia"],
    "MDA": ["Moldova", "Moldova (Republic of)"],
    "MKD": ["Macedonia FYR", "The former Yugoslav Republic of Macedonia", "Macedonia", "FYR Macedonia"],
    "NLD": ["Netherlands (Kingdom of the)", "Kingdom of the Netherlands"],
    "PRK": ["DPR Korea", "North Korea", "DPRK"],
    "PSE": ["Palestine", "State of Palestine"],
    "RUS": ["Russia"],
    "STP": ["Sao Tome & Principe"],
    "SWZ": ["Swaziland"],
    "SYR": ["Syria"],
    "TLS": ["Timor Leste", "East Timor"],
    "TTO": ["Trinidad & Tobago"],
    "TUR": ["Turkey"],
    "TZA": ["Tanzania", "Tanzania (United Republic of)"],
    "USA": ["United States", "USA", "US"],
    "VAT": ["Holy See", "Vatican"],
    "VCT": ["St Vincent & the Grenadines", "St Vincent and the Grenadines", "Saint Vincent & the Grenadines"],
    "VEN": ["Venezuela", "Venezuela (Bolivarian Republic of)"],
    "VNM": ["Vietnam", "Viet Nam"],
}

_FOOTNOTE = re.compile(r"\s*\*+\s*$")


def _mledoze(source: Path) -> tuple[dict[str, dict], set[str]]:
    """UN Member and observer States by ISO3, and every ISO code of the file (250
    entries): altSpellings mix codes ('NO') with abbreviations ('UAE', 'RSA')."""
    with open(source / MLEDOZE, encoding="utf-8") as fh:
        rows = json.load(fh)
    codes = {r["cca2"] for r in rows} | {r["cca3"] for r in rows}
    return {r["cca3"]: r for r in rows if r.get("unMember") or r["cca3"] in OBSERVERS}, codes


def _unsd(source: Path) -> dict[str, dict]:
    with open(source / UNSD, encoding="utf-8-sig", newline="") as fh:
        return {r["ISO-alpha3 Code"]: r for r in csv.DictReader(fh, delimiter=";") if r["ISO-alpha3 Code"]}


def _unterm(source: Path, unsd: dict[str, dict], mledoze: dict[str, dict]) -> tuple[dict[str, dict], list[str]]:
    """UNTERM rows keyed by ISO3 (matched by name to UNSD/mledoze), and unmatched names."""
    import openpyxl  # only the importer needs it
    wb = openpyxl.load_workbook(source / UNTERM, read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    header = [str(h).strip() for h in rows[0]]
    col = {h: i for i, h in enumerate(header)}
    lookup: dict[str, str] = {}
    for iso3, r in unsd.items():
        lookup[name_key(r["Country or Area"])] = iso3
    for iso3, r in mledoze.items():
        for n in (r["name"]["common"], r["name"]["official"]):
            lookup.setdefault(name_key(n), iso3)
    out, unmatched = {}, []
    for row in rows[1:]:
        english = row[col["English short"]]
        if not english or not row[col["English formal"]]:
            continue  # footnote rows ("*Observer State")
        name = _FOOTNOTE.sub("", str(english))
        iso3 = lookup.get(name_key(name)) or lookup.get(name_key(strip_article(name)))
        if iso3 is None:
            unmatched.append(name)
            continue
        out[iso3] = {lang: {"short": strip_article(_FOOTNOTE.sub("", str(row[col[f"{label} short"]]))),
                            "formal": _FOOTNOTE.sub("", " ".join(str(row[col[f"{label} formal"]]).split()))}
                     for lang, label in (("en", "English"), ("fr", "French"), ("es", "Spanish"))}
    return out, unmatched


def build_records(source: Path) -> tuple[list[dict], list[str]]:
    """Front matter of every State (sorted by ISO3) and warnings.

    Raises FileNotFoundError if a source file is missing, ValueError if a Member
    State has no UNTERM names or M49 code (the tables would be out of step).
    """
    mledoze, codes = _mledoze(source)
    unsd = _unsd(source)
    unterm, unmatched = _unterm(source, unsd, mledoze)
    warnings = [f"UNTERM name not matched to an ISO code (skipped): {n}" for n in unmatched
                if n not in ("Cook Islands (the)", "Niue")]  # not UN members: not reviewed
    records = []
    for iso3 in sorted(mledoze):
        m = mledoze[iso3]
        if iso3 not in unterm or iso3 not in unsd:
            raise ValueError(f"{iso3}: no UNTERM names or no M49 code in {source}")
        names = unterm[iso3]
        observer = iso3 in OBSERVERS
        group = None if observer else GROUPS.get(m.get("unRegionalGroup") or "")
        if not observer and group is None:
            raise ValueError(f"{iso3}: a Member State without a UN regional group in {MLEDOZE}")
        aliases: list[str] = []
        seen = {name_key(v) for lang in names.values() for v in lang.values()}
        seen |= {name_key(strip_article(lang["short"])) for lang in names.values()}
        seen |= {name_key(strip_leading_article(lang["formal"])) for lang in names.values()}
        candidates = (UPR_ALIASES.get(iso3, []) + [m["name"]["common"], m["name"]["official"],
                                                   unsd[iso3]["Country or Area"]]
                      + [a for a in m.get("altSpellings", []) if a not in codes])
        for alias in candidates:
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                aliases.append(" ".join(alias.split()))
        records.append({
            "iso3": iso3,
            "iso2": m["cca2"],
            "m49": unsd[iso3]["M49 Code"],
            "un_status": "observer" if observer else "member",
            **({} if observer else {"regional_group": group}),
            "names": names,
            "aliases": aliases,
            "sources": {
                "iso_codes": f"{MLEDOZE} (mledoze/countries, ODbL)",
                "m49": f"{UNSD} (UNSD M49)",
                **({} if observer else {"regional_group": f"{MLEDOZE} (unRegionalGroup)"}),
                "names": f"{UNTERM} (UNTERM)",
                "aliases": f"UPR Info export spellings; {MLEDOZE} (altSpellings)",
            },
        })
    # An alias that another State also claims would make both unresolvable: drop it.
    index = NameIndex.from_states(records)
    for rec in records:
        keep = [a for a in rec["aliases"] if name_key(a) not in index.ambiguous]
        for dropped in set(rec["aliases"]) - set(keep):
            warnings.append(f"{rec['iso3']}: alias '{dropped}' dropped (also a name of another State)")
        rec["aliases"] = keep
    return records, warnings


def render(record: dict) -> str:
    """The text of ``states/<iso3>.md`` for one record."""
    line = summary_line(record["names"], record["un_status"], record.get("regional_group"))
    return f"---\n{dump_yaml(record)}---\n{line}\n"


def write_states(states_dir: Path, records: list[dict], show=print) -> tuple[int, int]:
    """Create missing State files; never touch existing ones. Returns (created, kept)."""
    created = kept = 0
    for rec in records:
        target = states_dir / f"{rec['iso3'].lower()}.md"
        shown = f"states/{target.name}"
        if target.exists():
            kept += 1
            show(f"kept {shown} (exists; edit by hand)")
            continue
        atomic_write(target, render(rec).encode("utf-8"))
        created += 1
        show(f"created {shown}")
    return created, kept


def run(args) -> int:
    s = make_settings()
    source = Path(args.source) if args.source else s.source_data
    try:
        records, warnings = build_records(source)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        print(f"upr import states: cannot read the reference tables in {source}: {exc}", file=sys.stderr)
        return 1
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    created, kept = write_states(s.states_dir, records)
    print(f"upr import states: {created} created, {kept} kept, "
          f"{sum(r['un_status'] == 'member' for r in records)} Member States and "
          f"{sum(r['un_status'] == 'observer' for r in records)} observer States", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("states", "create states/<iso3>.md for every UN Member and observer State "
                    "(never overwrites a file)", group="import")
    p.add_argument("--from", dest="source", default=None, metavar="DIR",
                   help="folder of the real source data (default: sources/ in the repository, or UPR_SOURCE_DATA)")
    p.set_defaults(func=run)
