"""A country group's joint stakeholder submission: word count, form checks, Word export.

The draft is ``groups/<iso3>-<session>/submission.md``: front matter (``title``,
``state``, ``kind``: joint or individual, ``language``) and a Markdown body laid out
the way OHCHR's guidelines for stakeholders' written submissions require::

    ## Coalition                      <- first section: the member organisations
    - Example NGO …
    ## Introduction
    1. First numbered paragraph.[^1]  <- every paragraph numbered, 1, 2, 3 … throughout
    ## Recommendations                <- a recommendations section is required
    12. …
    ## Annex 1: …                     <- annexes (not counted by default)
    [^1]: A footnote.                 <- footnotes (counted by default)

Word count, "Word-style": whitespace-separated tokens with at least one letter or
digit ("human-rights" is one word, a lone "—" is none), counted on exactly the text
the Word export contains (title, headings, coalition list from the group's public
members, paragraph numbers, footnotes). Limits: 5,630 words for a joint submission,
2,815 for an individual one (OHCHR guidelines, cycles 3 and 4; DOMAIN.md). Whether
footnotes and annexes count is not confirmed by OHCHR: both are settings (group
``submission.count_footnotes`` / ``count_annexes``, or ``--no-footnotes`` /
``--include-annexes``), defaults footnotes counted, annexes not.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, WARNING
from .schema import validate
from .yamlio import read_document

JOINT_LIMIT = 5630
INDIVIDUAL_LIMIT = 2815

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Joint submission draft (groups/<iso3>-<session>/submission.md)",
    "type": "object",
    "required": ["title", "state"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 5, "description": "title on the first page",
                  "examples": ["Joint submission on Togo for the 4th cycle of the UPR"]},
        "state": {"type": "string", "pattern": "^[A-Z]{3}$",
                  "description": "the one State under Review this submission is about (ISO alpha-3)",
                  "examples": ["TGO"]},
        "kind": {"enum": ["joint", "individual"], "description": "joint (a coalition) or individual",
                 "examples": ["joint"]},
        "language": {"enum": ["en", "fr", "es", "ar", "ru", "zh"],
                     "description": "UN official language of the text", "examples": ["en"]},
        "confidential": {"type": "boolean", "description": "true keeps the draft (its page and Word file) "
                         "off the website until it may be published; it stays in the public repository",
                         "examples": [True]},
        "private": {"type": "boolean", "description": "same as confidential", "examples": [True]},
    },
}

_WORD = re.compile(r"[^\W_]")  # a letter or a digit, in any script
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")  # closing #s: _heading_text (a regex for them is quadratic)
_NUMBERED = re.compile(r"^(\d+)[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
# No "[" inside a label or a link text, no "<" inside an autolink, no "(" inside a link
# target: each match then starts where the previous one failed, and a 100 KB line of "["
# or "<" is read in linear time (it took minutes; issue 13).
_FOOTDEF = re.compile(r"^\[\^([^\[\]\s]+)\]:\s*(.*)$")
_FOOTREF = re.compile(r"\[\^([^\[\]\s]+)\]")
_COALITION = re.compile(r"coalition|members|membres|miembros|coalici", re.I)
_RECOMMEND = re.compile(r"recommendation|recommandation|recomendaci", re.I)
_ANNEX = re.compile(r"^(annex|annexe|anexo)\b", re.I)
_INLINE = re.compile(r"(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|\[\^[^\[\]\s]+\]|!?\[[^\[\]]*\]\([^()]*\)"
                     r"|<https?://[^<>]+>|`[^`]+`)")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_AUTOLINK = re.compile(r"<(https?://[^<>]+)>")
_TAG = re.compile(r"<[^<>]+>")


def word_count(text: str) -> int:
    """Words as Microsoft Word counts them: whitespace-separated tokens containing at
    least one letter or digit."""
    return sum(1 for token in text.split() if _WORD.search(token))


@dataclass
class Block:
    """One block of the draft. ``kind``: heading, para, item or footnote; ``text`` is the
    Markdown inline text; ``part``: coalition, body or annex."""

    kind: str
    text: str
    line: int
    level: int = 0
    number: int | None = None
    label: str | None = None
    part: str = "body"


@dataclass
class Draft:
    path: str
    meta: dict
    blocks: list[Block]
    footnotes: dict[str, Block]
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "joint")


def parse(path: Path, shown: str) -> Draft:
    """Read and split a draft into blocks (line-based, so every problem has its line)."""
    doc = read_document(path, shown)
    problems = list(doc.problems)
    if doc.meta or not doc.problems:
        problems += validate(doc.meta, SCHEMA, shown)
    blocks: list[Block] = []
    footnotes: dict[str, Block] = {}
    current: Block | None = None
    part = "coalition"
    seen_heading = False
    for offset, raw in enumerate(doc.body.split("\n")):
        line_no = doc.body_line + offset
        line = raw.strip()
        if not line:
            current = None
            continue
        if raw.startswith(("    ", "\t")) and current is not None:
            current.text += " " + line
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _heading_text(heading.group(2))
            if seen_heading and part == "coalition":
                part = "body"
            if _ANNEX.match(text):
                part = "annex"
            if not seen_heading and not _COALITION.search(text) and heading.group(1) != "#":
                part = "body"
            if heading.group(1) != "#":
                seen_heading = True
            current = None
            blocks.append(Block("heading", text, line_no, level=len(heading.group(1)), part=part))
            continue
        fdef = _FOOTDEF.match(line)
        if fdef:
            current = Block("footnote", fdef.group(2), line_no, label=fdef.group(1), part="footnote")
            if fdef.group(1) in footnotes:
                problems.append(Problem(shown, line_no, f"footnote [^{fdef.group(1)}] is defined twice "
                                        f"(first on line {footnotes[fdef.group(1)].line})",
                                        "give each footnote its own label"))
            else:
                footnotes[fdef.group(1)] = current
            continue
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if numbered and current is None or numbered and current.kind in ("para", "item"):
            current = Block("para", numbered.group(2), line_no, number=int(numbered.group(1)), part=part)
            blocks.append(current)
        elif bullet:
            current = Block("item", bullet.group(1), line_no, part=part)
            blocks.append(current)
        elif current is not None:
            current.text += " " + line
        else:
            current = Block("para", line, line_no, part=part)
            blocks.append(current)
    return Draft(shown, doc.meta, blocks, footnotes, problems)  # LineDict: keeps file lines


def _heading_text(text: str) -> str:
    """A heading's text without its optional closing #s (``## Title ##``)."""
    text = text.rstrip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip()
    return text


def plain(text: str) -> str:
    """Inline Markdown to the text Word shows: emphasis marks, footnote references and
    link targets removed (a link shows its text)."""
    text = _FOOTREF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\*([^*\s][^*]*)\*", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return _TAG.sub("", text)


# --- what the Word document contains ---------------------------------------------------------

@dataclass
class Para:
    """One paragraph of the export: ``kind`` title, heading, coalition, para, item or note;
    ``text`` inline Markdown; ``part`` coalition/body/annex (for counting)."""

    kind: str
    text: str
    part: str = "body"
    number: int | None = None
    level: int = 0


def member_label(member) -> str:
    return member.organisation + (f" ({member.acronym})" if member.acronym else "")


def render(draft: Draft, group) -> list[Para]:
    """The paragraphs of the export, in order. The coalition list comes from the group's
    public members (:func:`upr.groups.public_view`), never from the draft, so that a
    confidential member can never reach the Word file."""
    from .groups import public_view
    view = public_view(group)
    out = [Para("title", draft.meta.get("title", ""), "coalition")]
    listed = False
    for block in draft.blocks:
        if block.kind == "heading":
            if block.level == 1:
                continue  # the title comes from the front matter
            out.append(Para("heading", block.text, block.part, level=block.level))
        elif block.part == "coalition" and block.kind == "item":
            if not listed:
                out += [Para("coalition", member_label(m), "coalition") for m in view.members]
                listed = True
        elif block.kind == "para":
            out.append(Para("para", block.text, block.part, number=block.number))
        elif block.kind == "item":
            out.append(Para("item", block.text, block.part))
    if not listed:
        out[1:1] = [Para("coalition", member_label(m), "coalition") for m in view.members]
    return out


def _used_footnotes(paras: list[Para], draft: Draft) -> list[str]:
    labels = []
    for p in paras:
        for label in _FOOTREF.findall(p.text):
            if label in draft.footnotes and label not in labels:
                labels.append(label)
    return labels


@dataclass
class Count:
    """Word count of a draft. ``total`` is what counts against ``limit`` with the settings."""

    main: int
    footnotes: int
    annexes: int
    count_footnotes: bool
    count_annexes: bool
    limit: int

    @property
    def total(self) -> int:
        return self.main + (self.footnotes if self.count_footnotes else 0) + (self.annexes if self.count_annexes else 0)


def para_text(p: Para) -> str:
    return (f"{p.number}. " if p.number is not None else "") + plain(p.text)


def count(draft: Draft, group, count_footnotes: bool | None = None, count_annexes: bool | None = None) -> Count:
    """Count the words of the export (see module docstring). ``None`` settings fall back to
    the group's ``submission`` settings (defaults: footnotes yes, annexes no)."""
    sub = group.submission
    fn = sub.count_footnotes if count_footnotes is None else count_footnotes
    an = sub.count_annexes if count_annexes is None else count_annexes
    limit = sub.word_limit or (INDIVIDUAL_LIMIT if draft.kind == "individual" else JOINT_LIMIT)
    paras = render(draft, group)
    main = sum(word_count(para_text(p)) for p in paras if p.part != "annex")
    annex = sum(word_count(para_text(p)) for p in paras if p.part == "annex")
    notes = sum(word_count(plain(draft.footnotes[label].text)) for label in _used_footnotes(paras, draft))
    return Count(main, notes, annex, fn, an, limit)


def check(group, count_footnotes: bool | None = None, count_annexes: bool | None = None,
          settings=None) -> tuple[Count | None, list[Problem]]:
    """Check a group's draft against OHCHR's form rules. Returns ``(count, problems)``;
    every problem names the draft's line. ``count`` is None when there is no draft."""
    shown = (settings.rel(group.draft_path) if settings else f"groups/{group.slug}/submission.md")
    if not group.has_draft:
        return None, [Problem(shown, 0, "this group has no submission draft yet",
                              "create submission.md in the group folder (see the template in "
                              "scripts/upr/templates/group/submission.md)")]
    draft = parse(group.draft_path, shown)
    blocking, form, result = _checks(draft, group, count_footnotes, count_annexes)
    return result, blocking + form


def publication_checks(group, settings=None) -> tuple[list[Problem], list[Problem]]:
    """``(blocking, form)`` problems of a group's draft, which the site publishes:
    blocking ones (unreadable, names a confidential member) must stop the build;
    form ones (length, numbering, sections) are work in progress."""
    if not group.has_draft:
        return [], []
    shown = settings.rel(group.draft_path) if settings else f"groups/{group.slug}/submission.md"
    blocking, form, _ = _checks(parse(group.draft_path, shown), group, None, None)
    return blocking, form


def _checks(draft: "Draft", group, count_footnotes, count_annexes):
    shown = draft.path
    blocking = list(draft.problems) + _check_confidential(draft, group)
    problems: list[Problem] = []
    result = count(draft, group, count_footnotes, count_annexes)
    if result.total > result.limit:
        problems.append(Problem(shown, 1, f"{result.total:,} words: over OHCHR's limit of {result.limit:,} "
                                f"for a {draft.kind} submission by {result.total - result.limit:,} words",
                                "shorten the text; OHCHR does not consider submissions over the limit"))
    problems += _check_state(draft, group)
    problems += _check_coalition(draft, group)
    problems += _check_numbering(draft)
    problems += _check_footnotes(draft)
    if not any(b.kind == "heading" and _RECOMMEND.search(b.text) and b.part == "body" for b in draft.blocks):
        problems.append(Problem(shown, draft.blocks[-1].line if draft.blocks else 1,
                                "there is no recommendations section",
                                "add a heading  ## Recommendations  followed by numbered recommendations"))
    return blocking, problems, result


def _check_state(draft: Draft, group) -> list[Problem]:
    state = draft.meta.get("state")
    if isinstance(state, str) and state != group.state:
        line = getattr(draft.meta, "lines", {}).get("state", 2)
        return [Problem(draft.path, line, f"the draft is about {state} but the group is for {group.state}",
                        f"a submission covers one State only: write state: {group.state}")]
    return []


def _check_coalition(draft: Draft, group) -> list[Problem]:
    problems = []
    first = next((b for b in draft.blocks if b.kind == "heading" and b.level > 1), None)
    if draft.kind == "individual":
        pass  # an individual submission has no coalition list
    elif first is None or not _COALITION.search(first.text):
        problems.append(Problem(draft.path, first.line if first else 1,
                                "a joint submission must list its member organisations at the start",
                                "begin the text with a heading  ## Coalition  and one line  - Organisation  "
                                "per member"))
    else:
        listed = " ".join(b.text for b in draft.blocks if b.part == "coalition")
        for member in group.members:
            if not member.confidential and member.organisation not in listed:
                problems.append(Problem(draft.path, first.line, f"member '{member.organisation}' is not in the "
                                        "coalition list", f"add the line  - {member.organisation}"))
    return problems


def _check_confidential(draft: "Draft", group) -> list[Problem]:
    problems = []
    secret = [m.organisation for m in group.members if m.confidential]
    for block in list(draft.blocks) + list(draft.footnotes.values()):
        for name in secret:
            if name in block.text:
                problems.append(Problem(draft.path, block.line, "the draft names a confidential member",
                                        "remove the organisation's name from the draft: it is exported to the "
                                        "Word file and published"))
    return problems


def _check_numbering(draft: Draft) -> list[Problem]:
    problems = []
    expected = 1
    for block in draft.blocks:
        if block.part != "body":
            continue
        if block.kind == "para" and block.number is None:
            problems.append(Problem(draft.path, block.line, "paragraph is not numbered",
                                    f"start the paragraph with  {expected}. "))
            expected += 1
        elif block.kind == "para":
            if block.number != expected:
                problems.append(Problem(draft.path, block.line,
                                        f"paragraph numbered {block.number}, expected {expected}",
                                        f"number paragraphs 1, 2, 3 … throughout: write {expected}."))
            expected = block.number + 1
    return problems


def _check_footnotes(draft: Draft) -> list[Problem]:
    problems = []
    used = set()
    for block in draft.blocks + list(draft.footnotes.values()):
        for label in _FOOTREF.findall(block.text):
            used.add(label)
            if label not in draft.footnotes:
                problems.append(Problem(draft.path, block.line, f"footnote [^{label}] is used but never written",
                                        f"add a line  [^{label}]: the source  at the end"))
    for label, block in draft.footnotes.items():
        if label not in used:
            problems.append(Problem(draft.path, block.line, f"footnote [^{label}] is never referred to",
                                    f"put [^{label}] after the sentence it supports, or delete the footnote",
                                    WARNING))
    return problems


# --- Word export ------------------------------------------------------------------------------

def to_docx(group, out: Path, settings=None) -> Path:
    """Write the draft as a Word document ready to send to OHCHR: title, coalition list
    (public members only), numbered paragraphs ("1." prefixes, so the numbers match the
    draft), real Word footnotes, page numbers in the footer (a PAGE field)."""
    import docx
    from docx.shared import Pt

    shown = settings.rel(group.draft_path) if settings else f"groups/{group.slug}/submission.md"
    draft = parse(group.draft_path, shown)
    paras = render(draft, group)
    document = docx.Document()
    document.core_properties.title = draft.meta.get("title", "")
    document.core_properties.subject = f"UPR stakeholder submission, {group.state}, session {group.session}"
    # python-docx's template says "python-docx" wrote it; no person is named either (issue 13).
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    document.core_properties.comments = ""
    document.styles["Normal"].font.size = Pt(11)
    notes = _Footnotes(document)
    numbers: dict[str, int] = {}
    for p in paras:
        if p.kind == "title":
            document.add_heading(plain(p.text), level=0)
            continue
        if p.kind == "heading":
            document.add_heading(plain(p.text), level=min(p.level - 1, 3) or 1)
            continue
        style = "List Bullet" if p.kind in ("coalition", "item") else None
        para = document.add_paragraph(style=style)
        if p.number is not None:
            para.add_run(f"{p.number}.\t")
            para.paragraph_format.left_indent = Pt(28)
            para.paragraph_format.first_line_indent = Pt(-28)
        _add_inline(para, p.text, draft, notes, numbers)
    notes.save()
    _page_numbers(document)
    buf = io.BytesIO()
    document.save(buf)
    from .site import atomic_write  # never half a Word file over the previous one (issue 8)
    atomic_write(out, _reproducible(buf.getvalue()))
    return out


def _reproducible(raw: bytes) -> bytes:
    """The same .docx with fixed zip time stamps: the same draft gives the same bytes
    (the site rewrites a file only when its bytes change)."""
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def _add_inline(para, text: str, draft: Draft, notes, numbers: dict[str, int]) -> None:
    for piece in _INLINE.split(text):
        if not piece:
            continue
        ref = _FOOTREF.fullmatch(piece)
        if ref:
            block = draft.footnotes.get(ref.group(1))
            if block is not None:
                notes.add_reference(para, plain(block.text))
            continue
        if piece.startswith(("**", "__")) and piece.endswith(piece[:2]) and len(piece) > 4:
            para.add_run(plain(piece[2:-2])).bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            para.add_run(plain(piece[1:-1])).italic = True
        else:
            para.add_run(plain(piece))


def _page_numbers(document) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Footnotes:
    """Real Word footnotes (python-docx 1.2 has no footnote API): a ``footnotes.xml``
    part with the two separator notes Word expects (ids -1 and 0), ``footnoteReference``
    runs in the text, and ``footnotePr`` in the settings."""

    def __init__(self, document):
        self.document = document
        self.notes: list[str] = []

    def add_reference(self, para, text: str) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        self.notes.append(text)
        para._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>'))

    def save(self) -> None:
        if not self.notes:
            return
        from xml.sax.saxutils import escape

        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
               '</w:r></w:p></w:footnote>')
        body = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
            f'</w:p></w:footnote>' for i, text in enumerate(self.notes, start=1))
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">{sep}{body}</w:footnotes>'
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"),
                    self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)
        settings = self.document.settings.element
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
        compat = settings.find(f"{{{_W}}}compat")
        if compat is not None:  # schema order: footnotePr comes right before compat
            compat.addprevious(pr)
        else:
            settings.append(pr)


def read_footnotes(path: Path) -> list[str]:
    """Texts of the footnotes of a .docx (for tests and the privacy scan)."""
    import zipfile
    from lxml import etree
    with zipfile.ZipFile(path) as zf:
        if "word/footnotes.xml" not in zf.namelist():
            return []
        root = etree.fromstring(zf.read("word/footnotes.xml"))
    out = []
    for note in root.iter(f"{{{_W}}}footnote"):
        if int(note.get(f"{{{_W}}}id")) > 0:
            out.append("".join(t.text or "" for t in note.iter(f"{{{_W}}}t")).strip())
    return out
