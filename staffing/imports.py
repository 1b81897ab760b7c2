"""Importing a party's staff and client figures from CSV or Excel. Every row is checked; a file with
any bad row saves nothing and the user gets each bad row's line number and reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated
from organisations.models import Municipality
from staffing.models import ClientLine, StaffLine

STAFF_COLUMNS = ["tehtavanimike", "kunta", "henkilomaara", "htv"]
CLIENT_COLUMNS = ["kunta", "asiakkaat"]


@dataclass
class RowError:
    line: int
    message: str


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


def read_rows(upload) -> list[list[str]]:
    """The file's rows as text, header included; Excel by content (a zip), otherwise CSV (; or ,).
    Every limit is checked before what it limits is read (#31 item 5): the file's size
    (settings.IMPORT_MAX_BYTES) before it is parsed, a workbook's unpacked size (IMPORT_MAX_UNZIPPED_BYTES,
    from the zip's directory) before anything is unpacked, and rows (IMPORT_MAX_ROWS) and columns
    (IMPORT_MAX_COLUMNS) while the rows stream: reading stops at the first row over the limit, and a
    sheet's declared dimensions (`A1:XFD20000`) are never used to pad rows."""
    limit = settings.IMPORT_MAX_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImportRefused(
            [RowError(1, _("The file is too large: at most %(kb)s kB.") % {"kb": limit // 1024})]
        )
    rows: list[list[str]] = []
    for row in _rows(data):
        if len(rows) > settings.IMPORT_MAX_ROWS:  # the header and IMPORT_MAX_ROWS rows, then one more
            raise ImportRefused(
                [
                    RowError(
                        1,
                        _("The file has too many rows: at most %(rows)s.")
                        % {"rows": settings.IMPORT_MAX_ROWS},
                    )
                ]
            )
        rows.append(row)
    return rows


def _unreadable_workbook() -> ImportRefused:
    return ImportRefused([RowError(1, _("The Excel workbook cannot be read."))])


def _check_zip(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than IMPORT_MAX_UNZIPPED_BYTES, before any is
    unpacked. The sizes are the zip directory's; zipfile never unpacks a part beyond its declared size
    (a part that claims less than it holds fails its checksum), so the declaration bounds the work."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _unreadable_workbook() from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > 200 or unpacked > settings.IMPORT_MAX_UNZIPPED_BYTES:
        raise ImportRefused(
            [
                RowError(
                    1,
                    _("The Excel workbook is too large unpacked: at most %(kb)s kB.")
                    % {"kb": settings.IMPORT_MAX_UNZIPPED_BYTES // 1024},
                )
            ]
        )


def _excel_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception:  # a damaged or disguised zip: openpyxl raises many kinds
        raise _unreadable_workbook() from None
    if sheet is None:
        raise ImportRefused([RowError(1, _("The Excel workbook has no sheet."))])
    # The declared dimensions are the file's claim: padding every row to them is how a 1.5 kB file
    # declaring A1:XFD20000 took gigabytes. Only the cells written are read, at most the columns used.
    sheet.reset_dimensions()  # type: ignore[union-attr]
    try:
        for row in sheet.iter_rows(values_only=True, max_col=settings.IMPORT_MAX_COLUMNS):
            yield ["" if v is None else str(v).strip() for v in row]
    except ImportRefused:
        raise
    except Exception:  # broken XML or a part that fails its checksum, found while streaming
        raise _unreadable_workbook() from None


def _rows(data: bytes) -> Iterator[list[str]]:
    if data[:2] == b"PK":
        yield from _excel_rows(data)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            [RowError(1, _("The file is neither UTF-8 CSV nor an Excel workbook."))]
        ) from None
    if "\x00" in text:
        raise ImportRefused([RowError(1, _("The file is neither UTF-8 CSV nor an Excel workbook."))])
    first_line = text[: text.find("\n")] if "\n" in text else text
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line or ",", delimiters=";,")
    except csv.Error:  # one column: no delimiter to find
        dialect = csv.excel
    columns = settings.IMPORT_MAX_COLUMNS
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            yield [cell.strip() for cell in row[:columns]]
    except csv.Error:
        raise ImportRefused(
            [RowError(1, _("The file is neither UTF-8 CSV nor an Excel workbook."))]
        ) from None


def _municipality(value: str, municipalities: dict) -> Municipality | None:
    return municipalities.get(value.strip().lower())


def _number(value: str, *, decimal: bool):
    text = value.replace(",", ".").replace(" ", "")
    if not text.isascii() or len(text) > 20:
        return None
    try:
        number = Decimal(text) if decimal else int(text)
    except (InvalidOperation, ValueError):
        return None
    if isinstance(number, Decimal) and not number.is_finite():  # NaN and Infinity are not figures
        return None
    return number


def parse(rows: list[list[str]], kind: str, municipalities: dict) -> tuple[list[dict], list[RowError]]:
    columns = STAFF_COLUMNS if kind == "staff" else CLIENT_COLUMNS
    if not rows:
        return [], [RowError(1, _("The file is empty."))]
    header = [h.strip().lower() for h in rows[0]]
    if header[: len(columns)] != columns:
        return [], [
            RowError(
                1, _("The first row must name the columns: %(columns)s.") % {"columns": ", ".join(columns)}
            )
        ]
    parsed, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        row = [*row, *[""] * len(columns)][: len(columns)]
        values = dict(zip(columns, row, strict=True))
        municipality = _municipality(values["kunta"], municipalities)
        if municipality is None:
            errors.append(
                RowError(
                    number,
                    _(
                        "Unknown municipality “%(value)s”: use a municipality of the cooperation, "
                        "by name or code."
                    )
                    % {"value": values["kunta"]},
                )
            )
            continue
        if kind == "staff":
            if not values["tehtavanimike"]:
                errors.append(RowError(number, _("The job title is missing.")))
                continue
            if len(values["tehtavanimike"]) > 200:
                errors.append(RowError(number, _("The job title is longer than 200 characters.")))
                continue
            headcount = _number(values["henkilomaara"], decimal=False)
            fte = _number(values["htv"], decimal=True)
            if headcount is None or headcount < 0:
                errors.append(
                    RowError(
                        number,
                        _("The head count “%(value)s” is not a whole number of zero or more.")
                        % {"value": values["henkilomaara"]},
                    )
                )
                continue
            if fte is None or fte < 0 or fte != fte.quantize(Decimal("0.01")):
                errors.append(
                    RowError(
                        number,
                        _(
                            "The full-time equivalents “%(value)s” are not a number of zero or "
                            "more with at most two decimals."
                        )
                        % {"value": values["htv"]},
                    )
                )
                continue
            if fte > headcount:
                errors.append(
                    RowError(
                        number,
                        _("%(fte)s full-time equivalents is more than the head count %(count)s.")
                        % {"fte": fte, "count": headcount},
                    )
                )
                continue
            parsed.append(
                {
                    "job_title": values["tehtavanimike"],
                    "municipality": municipality,
                    "headcount": headcount,
                    "fte": fte,
                }
            )
        else:
            clients = _number(values["asiakkaat"], decimal=False)
            if clients is None or clients < 0:
                errors.append(
                    RowError(
                        number,
                        _("The number of clients “%(value)s” is not a whole number of zero or more.")
                        % {"value": values["asiakkaat"]},
                    )
                )
                continue
            parsed.append({"municipality": municipality, "clients": clients})
    keys = [(p.get("job_title"), p["municipality"].pk) for p in parsed]
    if len(keys) != len(set(keys)):
        errors.append(RowError(1, _("The same job title and municipality (or municipality) appears twice.")))
    return parsed, errors


def replace_figures(*, review, organisation, kind: str, upload, actor: Actor) -> int:
    """Replace ORGANISATION's staff or client figures in REVIEW with the file's; all or nothing."""
    return replace_rows(
        review=review, organisation=organisation, kind=kind, rows=read_rows(upload), actor=actor
    )


@transaction.atomic
def replace_rows(*, review, organisation, kind: str, rows: list[list[str]], actor: Actor) -> int:
    """Replace the figures with ROWS (a header row naming the columns, then the values as text), checked
    exactly as a file's rows are: the same rules whether the figures come from a file or the API."""
    municipalities = {}
    for m in Municipality.objects.filter(area__cooperation=review.group.cooperation_id):
        municipalities[m.name_fi.lower()] = m
        municipalities[m.code] = m
    parsed, errors = parse(rows, kind, municipalities)
    if errors:
        shown = settings.IMPORT_MAX_ERRORS_SHOWN
        if len(errors) > shown:  # the first ones and a count: a page, not megabytes of errors
            more = len(errors) - shown
            errors = [
                *errors[:shown],
                RowError(errors[shown].line, _("… and %(n)s more rows with errors.") % {"n": more}),
            ]
        raise ImportRefused(errors)
    model = StaffLine if kind == "staff" else ClientLine
    model.objects.filter(review=review, organisation=organisation).delete()
    for values in parsed:
        save_validated(model(review=review, organisation=organisation, **values), actor)
    return len(parsed)
