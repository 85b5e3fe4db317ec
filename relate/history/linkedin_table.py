"""A CSV file of LinkedIn's data export read as rows whose cells are found by column
name (as `header_key` gives it), whatever order or era of columns the file has."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from relate.history.exchanges import HistoryFileError
from relate.importers import ImportFileError
from relate.importers.csv_text import header_key, make_reader, records

_REMEDY = "Download your data from LinkedIn again."
# The file's size bounds it (see linkedin_archive); no count of rows is refused here.
_ANY_NUMBER = 10**12


class Row(dict[str, str]):
    """One record: `row["sender profile url"]` is that column's value, stripped ("" when
    the file has no such column or the row stops short); `row.line` its line. A dict,
    so that a cell is found in C: a messages.csv has hundreds of thousands of rows."""

    __slots__ = ("line",)
    line: int

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class Table:
    """The column names of a file (as `header_key` gives them, each at its first
    place) and its rows after them, read as they are asked for."""

    columns: Mapping[str, int]
    _rest: Iterator[tuple[int, list[str]]]

    def rows(self) -> Iterator[Row]:
        """Each non-blank row after the header."""
        names = tuple(self.columns)
        for line, values in self.cells(names):
            row = Row(zip(names, values, strict=True))
            row.line = line
            yield row

    def cells(self, names: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Each non-blank row's line and its cells in the columns `names` (as
        `header_key` gives them), stripped: "" for a column the file lacks or a row
        that stops short. Cheaper than `rows` for a reader that knows its columns."""
        if not self.columns or not names:
            return
        width = max(self.columns.values()) + 1
        # A column the file lacks is read from a blank put after each row's last cell.
        picked = _picker([self.columns.get(name, -1) for name in names])
        strip = str.strip
        for line, record in self._rest:
            if len(record) < width:
                record += [""] * (width - len(record))
            record.append("")
            values = tuple(map(strip, picked(record)))
            # A row with text only in columns not asked for is still a row.
            if any(values) or any(map(strip, record)):
                yield line, values


def _picker(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """What takes the cells at `indexes` from a record, as a tuple even of one."""
    if len(indexes) == 1:
        (index,) = indexes
        return lambda record: (record[index],)
    return operator.itemgetter(*indexes)


def read_table(text: str, name: str) -> Table:
    """The header of `text` (its first non-blank record, LinkedIn writes no preamble
    but in Connections.csv) and its rows; HistoryFileError naming `name` when the
    text is cut short or garbled."""
    found = _records(text, name)
    for _, record in found:
        if any(cell.strip() for cell in record):
            columns: dict[str, int] = {}
            for index, cell in enumerate(record):
                columns.setdefault(header_key(cell), index)
            columns.pop("", None)
            return Table(columns, found)
    return Table({}, iter(()))


def _records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    try:
        # LinkedIn writes commas; the file's own bytes bound how many rows there are.
        yield from records(make_reader(text, ","), name, _REMEDY, most=_ANY_NUMBER)
    except HistoryFileError:
        raise
    except ImportFileError as err:
        raise HistoryFileError(str(err)) from err
