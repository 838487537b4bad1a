"""The words of the site's interface (headings, table headers, labels, buttons, navigation), by language.

The site speaks the registry's first language (``languages`` in ``claimgraph.toml``). A message is
looked up by its English text, as gettext does with a msgid; ``{name}`` fields are filled after
translation. English and French are complete; any other language falls back to English message by
message, so a registry in German gets an English interface and German data, never a missing word.
Status names are not here: they are the SKOS labels of the vocabulary (``ontology/schemes.ttl``), in
every language it has.

A test keeps the French catalogue complete: every message a shipped template or this package asks for
has a French entry (``tests/test_site_language.py``).
"""

from __future__ import annotations

#: Endonyms: a passage is labelled with its language's own name, whatever the interface's language.
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch", "es": "Español", "it": "Italiano",
                  "nl": "Nederlands", "pt": "Português"}

FRENCH: dict[str, str] = {}

CATALOGUES: dict[str, dict[str, str]] = {"fr": FRENCH}


def catalogue(language: str) -> dict[str, str]:
    """The messages of ``language`` (a BCP 47 tag: ``fr-BE`` uses ``fr``); empty for English and unknown ones."""
    tag = (language or "en").lower()
    return CATALOGUES.get(tag) or CATALOGUES.get(tag.split("-")[0]) or {}


def translate(messages: dict[str, str], text: str, **values) -> str:
    translated = messages.get(text) or text
    return translated.format(**values) if values else translated


def language_name(tag: str, interface: str) -> str:
    """How a passage in ``tag`` is labelled."""
    if not tag:
        return translate(catalogue(interface), "(no language tag)")
    return LANGUAGE_NAMES.get(tag) or LANGUAGE_NAMES.get(tag.split("-")[0]) or tag
