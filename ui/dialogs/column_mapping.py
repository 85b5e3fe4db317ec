"""Which column of a CSV file holds which field: the import dialog's mapping step."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from relate.fields import label
from relate.importers.address_book_columns import ColumnMapping, PhoneColumn

# (ColumnMapping field, label), in the order a person reads a contact; a contact
# field is labelled as the registry says.
FIELDS: tuple[tuple[str, str], ...] = (
    ("first_name", label("first_name")),
    ("last_name", label("last_name")),
    ("name_prefix", "Name prefix"),
    ("name_suffix", "Name suffix"),
    ("full_name", "Full name"),
    ("company", label("company")),
    ("position", label("position")),
    ("emails", label("emails")),
    ("phones", label("phones")),
    ("location", label("location")),
    ("story", "Notes"),
    ("birthday", label("birthday")),
    ("tags", label("tags")),
    ("linkedin_url", label("linkedin_url")),
)
NOT_IMPORTED = "(not imported)"


def _one_column(field: str, header: str) -> Any:
    """A mapping field's value for a single column."""
    if field == "phones":
        return (PhoneColumn(header),)
    if field == "location":
        return ((header,),)
    return (header,)


def _columns_text(field: str, value: Any) -> str:
    if field == "phones":
        names = [phone.column for phone in value]
    elif field == "location":
        names = [" + ".join(group) for group in value]
    else:
        names = list(value)
    return ", ".join(names)


class ColumnMappingEditor(QWidget):
    """One drop-down per field, listing the file's columns; starts from a guess.

    Signals:
        changed(): the user picked another column for a field.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base = ColumnMapping()
        self.headers: tuple[str, ...] = ()
        self.combos: dict[str, QComboBox] = {}
        # What each item of each combo means, by index: Qt would turn tuples into lists.
        self.values: dict[str, list[Any]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        half = (len(FIELDS) + 1) // 2
        for n, (field, text) in enumerate(FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"column_{field}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.activated.connect(self.changed)
            self.combos[field] = combo
            row, column = n % half, (n // half) * 2
            grid.addWidget(QLabel(text + ":"), row, column)
            grid.addWidget(combo, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def set_columns(self, headers: tuple[str, ...], mapping: ColumnMapping) -> None:
        """Offer these columns, with `mapping` (usually a guess) chosen."""
        self.headers, self.base = headers, mapping
        for field, combo in self.combos.items():
            chosen = getattr(mapping, field)
            text = _columns_text(field, chosen)
            # A guess that takes several columns (E-mail 1, E-mail 2…) or more than a
            # column (a phone's label from another column) is offered as it is.
            special = bool(chosen) and chosen != _one_column(field, text)
            items = [(NOT_IMPORTED, ())]
            if special:
                items.append((text, chosen))
            items.extend((header, _one_column(field, header)) for header in headers)
            combo.clear()
            combo.addItems([text for text, _ in items])
            self.values[field] = [value for _, value in items]
            if special:
                combo.setCurrentIndex(1)
            elif chosen:
                combo.setCurrentIndex(max(0, combo.findText(text)))

    def choose(self, field: str, header: str | None) -> None:
        """Pick a column for a field (None: not imported), as the user would."""
        combo = self.combos[field]
        combo.setCurrentIndex(combo.findText(header) if header else 0)
        self.changed.emit()

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen."""
        chosen = {
            field: self.values[field][combo.currentIndex()] if combo.currentIndex() >= 0 else ()
            for field, combo in self.combos.items()
        }
        return dataclasses.replace(self.base, **chosen)
