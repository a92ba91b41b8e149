"""The UHRI export fixture, in exactly the documented layouts (sources/UHRI.md): the real
OHCHR thematic lists of Slovenia, sessions 34 and 48 (215 and 254 recommendations;
182/33 and 217/37 supported/noted), as UHRI annotations, plus annotations of other
bodies and every quirk UHRI.md lists. Written as XLSX and as JSON from the same
annotations by :mod:`upr.benchdata`.

What the quirks are, and what the importer must make of them, is in :data:`EXPECTED`.
"""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from conftest import ROOT
from upr import benchdata

LISTS = ROOT / "sources" / "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker"
UN_NAMES_OF_THE_DAY = {"Turkey": "Türkiye", "Netherlands": "Netherlands (Kingdom of the)",
                       "State of Palestine": "State of Palestine*"}

#: what importing the fixture must give, written out by hand
EXPECTED = {
    ("SVN", 34): {"supported": 182, "noted": 33},
    ("SVN", 48): {"supported": 217, "noted": 37},
    ("TLS", 40): {"supported in part": 1},
    ("SSD", 26): {"supported": 1},
    ("GRC", 53): {"pending": 1, "supported": 2},
}
LEFT_OUT = 5  # CEDAW, CRC, a Special Rapporteur, a UPR concern, a UPR "Response of …"


def _extra(a: dict, **changes) -> dict:
    out = copy.deepcopy(a)
    out.update(changes)
    return out


def annotations(is_state) -> list[dict]:
    a34 = benchdata.thematic_list_annotations(LISTS / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
                                              34, "Slovenia", is_state, dt.date(2020, 3, 10))
    a48 = benchdata.thematic_list_annotations(LISTS / "upr48-slovenia-thematic-list-of-recommendatio.docx",
                                              48, "Slovenia", is_state, dt.date(2025, 4, 1))
    # the paragraph written in the other ways UHRI texts start
    a34[0]["text"] = "Recommendation No. " + a34[0]["text"]
    a34[2]["text"] = "para. " + a34[2]["text"]
    first, rest = a48[0]["text"].split(" ", 1)
    a48[0]["text"] = f"{first}. {rest}"
    a34[1]["session"] = ["34 Session"]
    # HTML entities in the texts
    for a in a34 + a48:
        if "’" in a["text"] or "&" in a["text"]:
            a["text"] = a["text"].replace("&", "&amp;").replace("’", "&rsquo;")
    a48[3]["text"] = a48[3]["text"].replace(" ", "&nbsp;", 3)
    # UN names of the day among the recommending States
    for a in a34 + a48:
        a["rs"] = [UN_NAMES_OF_THE_DAY.get(n, n) for n in a["rs"]]
    base = a48[5]
    extra = [
        _extra(base, body="CEDAW", type="Concerns/Observations", symbol="CEDAW/C/SVN/CO/7", position=[], rs=[],
               session=[], text="The Committee recommends that the State party adopt a strategy …",
               annotation_id=benchdata.annotation_id("cedaw")),
        _extra(base, body="CRC", type="Recommendations", symbol="CRC/C/SVN/CO/5-6", position=[], rs=[], session=[],
               text="The Committee recommends that the State party …", annotation_id=benchdata.annotation_id("crc")),
        _extra(base, body="SR on freedom of expression", type="Recommendations", symbol="A/HRC/50/29/Add.1",
               position=[], rs=[], session=[], text="The Special Rapporteur recommends …",
               annotation_id=benchdata.annotation_id("sr")),
        _extra(base, type="Concerns/Observations", text="The Working Group notes the concerns raised …",
               annotation_id=benchdata.annotation_id("concern")),
        _extra(base, text="Response of Slovenia to recommendation 140.12: supported.",
               annotation_id=benchdata.annotation_id("response")),
        # a State under Review with a hyphen, recommended by States with hyphens, supported in part
        _extra(base, countries=["Timor-Leste"], session=["40th session"], symbol="A/HRC/49/16",
               text="92.1 Ratify the Convention on the Rights of Persons with Disabilities (Guinea-Bissau) (Cabo Verde);",
               rs=["Guinea-Bissau", "Cabo Verde"], position=["Supported/Noted"], themes=["Persons with disabilities"],
               persons=["Persons with disabilities"], sdgs=["10.2 - Promote universal social, economic and political inclusion"],
               annotation_id=benchdata.annotation_id("tls")),
        # two States joined in one cell: the calendar says which was reviewed in session 26
        _extra(base, countries=["South Sudan - Sudan"], session=["26th session"], symbol="A/HRC/34/13",
               text="123.4 Ensure humanitarian access to the border areas (Norway);", rs=["Norway"],
               position=["Supported"], annotation_id=benchdata.annotation_id("ssd")),
        # a review whose responses are not out yet, and duplicates within it
        _extra(base, countries=["Greece"], session=["53rd session"], symbol="A/HRC/62/12", position=[],
               text="110.1 Adopt a national action plan on business and human rights (Ghana);", rs=["Ghana"],
               annotation_id=benchdata.annotation_id("grc", 1)),
        _extra(base, countries=["Greece"], session=["53rd session"], symbol="A/HRC/62/12", position=[],
               text="110.1 Adopt a national action plan on business and human rights (Ghana);", rs=["Ghana"],
               annotation_id=benchdata.annotation_id("grc", "1-repeat")),
        _extra(base, countries=["Greece"], session=["53rd session"], symbol="A/HRC/62/12", position=["Supported"],
               text="110.2 Strengthen the Ombudsperson (Ireland);", rs=["Ireland"],
               annotation_id=benchdata.annotation_id("grc", 2)),
        _extra(base, countries=["Greece"], session=["53rd session"], symbol="A/HRC/62/12", position=["Supported"],
               text="110.2 Protect asylum seekers at sea (Italy);", rs=["Italy"],
               annotation_id=benchdata.annotation_id("grc", "2-other")),
    ]
    return a34 + extra[:3] + a48 + extra[3:]


def write(folder: Path, is_state) -> dict[str, Path]:
    """``{"json": …, "xlsx": …}``: the same annotations in both layouts. In the JSON the
    texts are HTML, as in the real export."""
    found = annotations(is_state)
    as_html = [_extra(a, text=f"<p>{a['text']}</p>") for a in found]
    return {"xlsx": benchdata.write_xlsx(found, folder / "export-full-en.xlsx"),
            "json": benchdata.write_json(as_html, folder / "export-full-en.json")}


SESSIONS_YML = """\
updated: '2026-11-30'
sessions:
  - session: 7
    cycle: 1
    states: [SVN]
  - session: 20
    cycle: 2
    states: [SVN]
  - session: 26
    cycle: 2
    states: [SSD, NOR]
  - session: 34
    cycle: 3
    states: [SVN]
  - session: 40
    cycle: 3
    states: [TLS, SDN]
  - session: 48
    cycle: 4
    states: [SVN]
  - session: 53
    cycle: 4
    states: [GRC]
"""


def make_root(path: Path) -> Path:
    """A repository root with no State files (the name index then comes from sources/),
    a small calendar and no recommendations yet."""
    (path / "states" / "recommendations").mkdir(parents=True)
    (path / "states" / "sessions.yml").write_text(SESSIONS_YML, encoding="utf-8")
    (path / "mkdocs.yml").write_text("site_name: fixture\n", encoding="utf-8")
    return path
