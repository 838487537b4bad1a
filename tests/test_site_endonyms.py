"""The language names of the site's labels, kept between builds in the cache folder (site/messages.py)."""

from __future__ import annotations

import json

import babel
import pytest

from claimgraph.site import messages

TAGS = ["fr", "en", "de", "pt-BR", "fi", "tlh", "und", "x-private"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path))
    messages._endonym.cache_clear()
    yield tmp_path / messages._endonyms_file(babel.__version__)
    messages._endonym.cache_clear()


def test_the_names_kept_are_cldrs_and_the_next_build_reads_them(cache):
    names = {tag: messages.language_name(tag, "en") for tag in TAGS}
    assert names == {tag: messages._cldr_endonym(tag) for tag in TAGS}
    assert names["de"] == "Deutsch" and names["pt-BR"] == "Português (Brasil)" and names["tlh"] == "tlh"
    assert json.loads(cache.read_text(encoding="utf-8")) == names
    # a later build takes them from the file (shown here by a name CLDR would not give)
    cache.write_text(json.dumps({**names, "de": "Deutsch (kept)"}), encoding="utf-8")
    messages._endonym.cache_clear()
    assert messages.language_name("de", "en") == "Deutsch (kept)"
    assert messages.language_name("", "en") == "(no language tag)"


@pytest.mark.parametrize("content", ["{not json", '["de"]', '{"de": 1}', ""])
def test_a_file_not_as_written_is_left_aside(cache, content):
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(content, encoding="utf-8")
    assert messages.language_name("de", "en") == "Deutsch"
    assert json.loads(cache.read_text(encoding="utf-8")) == {"de": "Deutsch"}


def test_names_kept_with_another_version_of_babel_are_not_read(cache):
    other = cache.parent / messages._endonyms_file(babel.__version__ + ".post1")
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text(json.dumps({"de": "Allemand"}), encoding="utf-8")
    assert messages.language_name("de", "en") == "Deutsch"
