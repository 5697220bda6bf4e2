"""CSV downloads that a spreadsheet opens as text, never as formulas (OWASP's CSV injection advice)."""

import csv

# A cell starting with one of these is run as a formula by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return the value as text, with a leading apostrophe where a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class Echo:
    """A file-like object whose write hands the line back, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    """Yield the CSV lines of a header and rows, every cell made safe, for a StreamingHttpResponse."""
    writer = csv.writer(Echo())
    yield writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
