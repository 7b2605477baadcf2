"""Read an uploaded document into plain text: .txt and .md as they are, .docx and .pdf through
python-docx and pypdf (pure Python, well kept). Errors become a message for the facilitator."""

import io
import re
import zipfile
from pathlib import PurePath

from deliberation.core.errors import ActionRefused

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 300_000
ACCEPTED = (".txt", ".md", ".docx", ".pdf")


def read_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded file, normalised (LF line ends, no trailing spaces)."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise ActionRefused(
            f"“{name}” is not a file Charter Room reads: upload a .txt, .md, .docx or .pdf file.",
            status_code=400,
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ActionRefused(
            f"“{name}” is {len(data) // 1024} KB; the limit is {MAX_UPLOAD_BYTES // 1024} KB.",
            status_code=400,
        )
    if suffix in (".txt", ".md"):
        text = _decode(name, data)
    elif suffix == ".docx":
        text = _docx(name, data)
    else:
        text = _pdf(name, data)
    text = normalise(text)
    if not text.strip():
        raise ActionRefused(f"“{name}” has no text in it.", status_code=400)
    return text


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(text) > MAX_TEXT_CHARS:
        raise ActionRefused(
            f"The document has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Paste the part that matters.",
            status_code=400,
        )
    return text


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActionRefused(
            f"“{name}” is not UTF-8 text. Save it as UTF-8, or paste its text instead.",
            status_code=400,
        ) from None


def _docx(name: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ActionRefused(
            f"“{name}” could not be read as a Word document (.docx).", status_code=400
        ) from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _pdf(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ActionRefused(
                f"“{name}” is password-protected; upload an unprotected copy.", status_code=400
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ActionRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise ActionRefused(f"“{name}” could not be read as a PDF.", status_code=400) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ActionRefused(
            f"“{name}” has no text layer (is it a scan?). Paste its text instead.",
            status_code=400,
        )
    return unwrap_pdf(text)


def unwrap_pdf(text: str) -> str:
    """Join the hard-wrapped lines of PDF text into paragraphs: "secu-\\nrity" → "security",
    and a line break inside a sentence becomes a space."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"(?<=[^\n.!?:;”\"])\n(?=[a-z(“\"])", " ", text)
