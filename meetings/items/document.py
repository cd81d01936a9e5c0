"""An uploaded PDF: nothing to read or lay out; meetings.packs merges its pages into the pack at its place."""

from ..models import AgendaItemKind
from .kind import ItemKind

KIND = ItemKind(AgendaItemKind.DOCUMENT, needs_strategy=False, template=None, builder=None)
