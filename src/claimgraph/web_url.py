"""What claimgraph takes for a web address: one definition for the checks, the loader and the site.

An ``http`` or ``https`` URL (the scheme in any letter case, as RFC 3986 reads it) with none of the
characters an IRI may not hold: anything else stays text, so that a ``javascript:`` value can never
become a link downstream.
"""

from __future__ import annotations

import re

_WEB_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+", re.IGNORECASE)


def is_web_url(text: str) -> bool:
    """Whether the whole of ``text`` is an http(s) URL."""
    return _WEB_URL.fullmatch(text) is not None
