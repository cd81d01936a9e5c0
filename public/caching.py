"""Public pages cached by what they show: a meeting's page by its latest published version (and whether that
version's pack is built yet), lists by the latest publication anywhere and the day. A key never points at stale
content, so nothing is ever invalidated; the cache's own expiry (PUBLIC_CACHE_SECONDS) frees the space. The
cached part is the page's content, without anything of the person reading it (the layout is drawn each time)."""

import contextlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

log = logging.getLogger(__name__)


def fragment(key: str, template: str, context_of) -> str:
    """The rendered `template` for `key`, made with `context_of()` only when not cached."""
    key = f"public-page:{key}"
    found = None
    with contextlib.suppress(Exception):  # a cache that is down renders the page, nothing more
        found = cache.get(key)
    if found is None:
        found = render_to_string(template, context_of())
        with contextlib.suppress(Exception):
            cache.set(key, found, settings.PUBLIC_CACHE_SECONDS)
    return mark_safe(found)  # noqa: S308 - rendered by our template, autoescaped
