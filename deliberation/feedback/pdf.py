"""The charter as a PDF, built offline with fpdf2 from the record the Markdown export uses.

The fonts are DejaVu Sans, vendored in fonts/ (see fonts/LICENSE): it draws Latin, Greek,
Cyrillic, typographic quotes and dashes. It has no Chinese, Japanese or Korean glyphs, and no
CJK font is small enough to ship with the app (the lightest are several megabytes). fpdf2 would
silently drop a character the font cannot draw; we print it as "□" instead, so the reader sees
that something is there, and the document ends with a note pointing to the Markdown export,
which has every character.
"""

import logging
import unicodedata
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from fontTools.ttLib import TTFont
from fpdf import FPDF, FontFace

from deliberation.workshops.models import Workshop

from .exports import ArticleRecord, Decision, charter_record, charter_subtitle

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
MISSING_GLYPH = "□"
BLACK = (33, 37, 41)
GREY = (108, 117, 125)
LINE = 5.2  # mm, for 10-11 pt text

# fpdf2 subsets the fonts with fontTools, which logs a dozen INFO lines per font and PDF;
# keep them out of the server log unless the settings asked for that logger explicitly.
if logging.getLogger("fontTools").level == logging.NOTSET:
    logging.getLogger("fontTools").setLevel(logging.WARNING)


@cache
def drawable() -> frozenset[int]:
    """The code points every style of the font can draw."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


class CharterDocument(FPDF):
    """An A4 page with the page number in the footer; `missing` counts undrawable characters."""

    def __init__(self) -> None:
        super().__init__(format="A4")
        self.missing = 0
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_creator("Charter Room")
        self.set_lang("en")

    def clean(self, text: str) -> str:
        """The text as the font can draw it: control and invisible format characters go, odd
        spaces and line separators become plain ones, anything else the font lacks becomes
        MISSING_GLYPH."""
        glyphs = drawable()
        out = []
        for char in text.replace("\r\n", "\n").replace("\t", " "):
            category = unicodedata.category(char)
            if category in ("Zl", "Zp"):
                out.append("\n")
            elif char == "\n" or ord(char) in glyphs:
                out.append(char)
            elif category == "Zs":
                out.append(" ")
            elif category in ("Cc", "Cf"):
                continue
            else:
                out.append(MISSING_GLYPH)
                self.missing += 1
        return "".join(out)

    def style(self, emphasis: str = "", size: float = 10.5, colour=BLACK) -> None:
        self.set_font(FONT, emphasis, size)
        self.set_text_color(*colour)

    def paragraph(self, text: str, *, height: float = LINE, align: str = "L") -> None:
        """Wrapped text across the page; a word longer than a line is broken, not refused."""
        self.multi_cell(0, height, self.clean(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-14)
        self.style(size=8, colour=GREY)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")


def charter_pdf(workshop: Workshop) -> bytes:
    """The charter as a PDF: its articles, each with its vote records and the principles it
    reflects, stated as the Markdown export states them."""
    charter = workshop.charter
    pdf = CharterDocument()
    pdf.set_title(charter.title)  # metadata is UTF-16: any character will do
    pdf.add_page()
    _title_block(pdf, workshop)
    records = charter_record(workshop)
    if not records:
        pdf.ln(6)
        pdf.style(colour=GREY)
        pdf.paragraph("No article has been adopted yet.", align="C")
    for record in records:
        _article(pdf, record)
    if pdf.missing:
        pdf.ln(4)
        pdf.style(size=8.5, colour=GREY)
        pdf.paragraph(
            f"Characters this PDF's font cannot show (such as Chinese) appear as "
            f"{MISSING_GLYPH}. The Markdown export of the charter has the full text."
        )
    return bytes(pdf.output())


def _title_block(pdf: CharterDocument, workshop: Workshop) -> None:
    pdf.style("B", 18)
    pdf.paragraph(workshop.charter.title, height=8, align="C")
    pdf.ln(1)
    pdf.style(size=9.5, colour=GREY)
    exported = date_format(timezone.localdate(), "j F Y")
    pdf.paragraph(f"{charter_subtitle(workshop)} · {exported}", align="C")
    if workshop.charter.preamble.strip():
        pdf.ln(5)
        pdf.style(size=10.5)
        pdf.paragraph(workshop.charter.preamble.strip())
    pdf.ln(4)


def _article(pdf: CharterDocument, record: ArticleRecord) -> None:
    clause = record.clause
    if pdf.will_page_break(30):  # keep a heading with the start of its text
        pdf.add_page()
    pdf.ln(4)
    pdf.style("B", 13)
    pdf.paragraph(f"Article {clause.number}. {clause.title}", height=6.5)
    pdf.ln(1.5)
    pdf.style(size=10.5)
    pdf.paragraph(clause.text.strip())
    for decision in record.decisions:
        pdf.ln(2.5)
        _decision(pdf, decision)
    tally = record.reactions
    if tally.total:
        pdf.ln(2)
        pdf.style(size=9.5, colour=GREY)
        pdf.paragraph(
            f"Reactions: {tally.agree} agree · {tally.disagree} disagree · {tally.passed} pass"
        )
    if record.alignments:
        pdf.ln(2.5)
        _principles(pdf, record)


def _decision(pdf: CharterDocument, decision: Decision) -> None:
    """'Vote: amendment “Title”, adopted.' and the outcome, then the table by delegation."""
    pdf.style("B", 9.5)
    title = f"Vote: {decision.kind.lower()} “{decision.title}”, {decision.status.lower()}."
    pdf.write(LINE, pdf.clean(title))
    if decision.outcome:
        pdf.style(size=9.5)
        pdf.write(LINE, pdf.clean(f" {decision.outcome}"))
    pdf.ln(LINE + 1)
    if not decision.rows:
        return
    pdf.style(size=9)
    pdf.set_draw_color(*GREY)
    with pdf.table(
        col_widths=(70, 20, 20, 20),
        width=130,
        align="LEFT",
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD"),
        line_height=4.6,
        padding=(0.8, 1.5),
    ) as table:
        table.row(["Delegation", "For", "Against", "Abstain"])
        for row in decision.rows:
            table.row([pdf.clean(row.name), str(row.yes), str(row.no), str(row.abstain)])


def _principles(pdf: CharterDocument, record: ArticleRecord) -> None:
    pdf.style("B", 9.5)
    pdf.paragraph("Principles this article reflects")
    indent = pdf.l_margin
    for alignment in record.alignments:
        principle = alignment.principle
        pdf.ln(1)
        pdf.set_x(indent)
        pdf.style(size=9.5)
        pdf.write(LINE, "• Supports " if alignment.supports else "• Opposes ")
        pdf.style("B", 9.5)
        pdf.write(LINE, pdf.clean(principle.title))
        pdf.style(size=9.5)
        pdf.write(LINE, pdf.clean(f" ({principle.document.title}, {alignment.percent}%)"))
        pdf.ln(LINE)
        if alignment.evidence:
            pdf.set_left_margin(indent + 4)
            pdf.set_x(indent + 4)
            pdf.style(size=9, colour=GREY)
            pdf.paragraph(f"“{alignment.evidence.strip()}”", height=4.6)
            pdf.set_left_margin(indent)
