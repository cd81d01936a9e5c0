"""Wards and localities from the ONS code lists (CSV): a code column ending CD (like WD24CD) and the name column
beside it ending NM (WD24NM)."""

import csv
import io


def read(text: str, prefix: str = "", within: str = "") -> list[tuple[str, str]]:
    """(code, name) of each row of an ONS code list."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    codes = [
        i for i, h in enumerate(header) if h.upper().endswith("CD") and h.upper().startswith(prefix.upper())
    ]
    if not codes:
        raise ValueError(
            f"The file has no code column{f' starting {prefix}' if prefix else ''} (like WD24CD)."
        )
    code_at = codes[0]
    stem = header[code_at][:-2]
    name_at = next((i for i, h in enumerate(header) if h.upper() == f"{stem.upper()}NM"), None)
    if name_at is None:
        raise ValueError(f"The file has no name column {stem}NM beside {header[code_at]}.")
    found = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(code_at, name_at) or not row[code_at].strip() or not row[name_at].strip():
            raise ValueError(f"Line {line}: the code or the name is missing.")
        if within and within not in {cell.strip() for cell in row}:
            continue
        found.append((row[code_at].strip(), row[name_at].strip()))
    return found
