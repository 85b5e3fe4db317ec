"""What a write changed, in one small record, for whoever shows the data to say once.

A write (an undo command's step, an import, a restore) describes what it touched; the
window's `DataEvents.announce` turns that into the signals its panes follow, so no
write announces by hand and one change is one announcement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable


def _merged(first: tuple[int, ...], second: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(dict.fromkeys((*first, *second)))


@dataclasses.dataclass(frozen=True, slots=True)
class Changes:
    """What one change touched. Empty: nothing anyone shows.

    contacts: fields, tags or due dates of these contacts changed.
    added: these contacts now exist (created, restored, brought back).
    removed: these contacts left the current lists (deleted, archived, or restored
        from the archive, so that they move between views).
    timelines: entries or follow-ups of these contacts changed.
    tags: tag names, categories, counts or the user's interests changed.
    meetings: a 1-2-1 was planned, moved, cancelled or held.
    ideas: a suggestion (an introduction, a move to another stage) was put off or
        brought back.
    every_contact: any contact may show differently (rhythms of whole stages, the
        user's interests, which decide what is in common with everyone).
    everything: many contacts at once (an import, a restore, another program): every
        list and page reads again.
    """

    contacts: tuple[int, ...] = ()
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    timelines: tuple[int, ...] = ()
    tags: bool = False
    meetings: bool = False
    ideas: bool = False
    every_contact: bool = False
    everything: bool = False

    @classmethod
    def of(
        cls,
        *,
        contacts: Iterable[int] = (),
        added: Iterable[int] = (),
        removed: Iterable[int] = (),
        timelines: Iterable[int] = (),
        **flags: bool,
    ) -> Changes:
        """A record from any iterables of ids (lists, sets)."""
        return cls(tuple(contacts), tuple(added), tuple(removed), tuple(timelines), **flags)

    def __or__(self, other: Changes) -> Changes:
        """Both changes, as one (each id once, in the order first named)."""
        return Changes(
            _merged(self.contacts, other.contacts),
            _merged(self.added, other.added),
            _merged(self.removed, other.removed),
            _merged(self.timelines, other.timelines),
            self.tags or other.tags,
            self.meetings or other.meetings,
            self.ideas or other.ideas,
            self.every_contact or other.every_contact,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self != Changes()


EVERYTHING = Changes(everything=True)
