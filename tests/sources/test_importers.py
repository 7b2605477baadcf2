"""Reading uploaded documents: .txt, .md, .docx, .pdf, and clear refusals."""

import io

import docx
import pytest

from deliberation.core.errors import ActionRefused
from deliberation.sources.importers import read_upload, unwrap_pdf

CLAIM = "Every state of the region must have an equal voice in its security."


def make_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF writer needed)."""
    ops = ["BT", "/F1 11 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_it_reads_utf8_text_and_markdown():
    assert read_upload(name="a.txt", data=f"\ufeff{CLAIM}\r\n".encode()) == CLAIM
    assert read_upload(name="b.MD", data=f"# Title\n\n{CLAIM}\n".encode()) == f"# Title\n\n{CLAIM}"


def test_it_reads_a_word_document():
    text = read_upload(name="brief.docx", data=make_docx("Title", "", CLAIM))
    assert text == f"Title\n\n{CLAIM}"


def test_it_reads_a_pdf_and_joins_wrapped_lines():
    data = make_pdf("Every state of the region must have an", "equal voice in its security.")
    assert read_upload(name="brief.pdf", data=data) == CLAIM


def test_unwrap_pdf_rejoins_hyphenated_words():
    assert unwrap_pdf("collective secu-\nrity is shared") == "collective security is shared"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.rtf", b"{\\rtf1}", "upload a .txt, .md, .docx or .pdf"),
        ("latin.txt", "caf\u00e9".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"  \n ", "has no text"),
        ("fake.docx", b"not a zip", "could not be read as a Word document"),
        ("fake.pdf", b"%PDF-1.4 nonsense", "could not be read as a PDF"),
        ("big.txt", b"a" * (5 * 1024 * 1024 + 1), "the limit is 5120 KB"),
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_reason(name, data, message):
    with pytest.raises(ActionRefused) as refused:
        read_upload(name=name, data=data)
    assert message in refused.value.message
    assert refused.value.status_code == 400


def test_a_pdf_without_a_text_layer_is_refused():
    with pytest.raises(ActionRefused, match="no text layer"):
        read_upload(name="scan.pdf", data=make_pdf())
