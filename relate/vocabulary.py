"""The fixed words of the domain: stages, tag categories, interaction kinds."""

from __future__ import annotations

STAGES: tuple[str, ...] = ("connection", "conversation", "1-2-1", "relationship", "advocate")
DEFAULT_STAGE = "connection"

TAG_CATEGORIES: tuple[str, ...] = (
    "interest",
    "hobby",
    "place",
    "expertise",
    "industry",
    "group",
    "other",
    # What someone is looking for ("a structural engineer", "healthcare clients"):
    # matched against everyone else's expertise for introduction ideas.
    "need",
)
DEFAULT_TAG_CATEGORY = "interest"
NEED_CATEGORY = "need"

INTERACTION_KINDS: tuple[str, ...] = (
    "met",
    "conversation",
    "1-2-1",
    "call",
    "email",
    "message",
    "note",
    "gave",
    "received",
    "position-change",
)

# What was given or received: only gave/received entries carry one.
EXCHANGE_KINDS: tuple[str, ...] = ("gave", "received")
EXCHANGE_SUB_KINDS: tuple[str, ...] = ("information", "introduction", "referral", "advice", "help")

# A position change is seen on import, not a moment the user was in touch: it does
# not count as contact for "last contacted" and "next due".
NOT_CONTACT_KINDS: tuple[str, ...] = ("position-change",)

