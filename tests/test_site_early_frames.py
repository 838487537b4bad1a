"""Frames rendered early, beside the SPARQL section, make the same site as frames rendered after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site, early_frames

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "registry_dir", [FIXTURES / "valid", ROOT / "examples" / "ml-training-energy"], ids=["valid-fixture", "example"]
)
def test_early_frames_make_the_same_site(tmp_path, monkeypatch, registry_dir):
    registry = load(registry_dir)
    taken = []
    take = early_frames.take

    def recording_take(early, config_text):
        taken.append(take(early, config_text))
        return taken[-1]

    monkeypatch.setattr(early_frames, "take", recording_take)
    build_site(registry, tmp_path / "early")
    assert len(taken) == 1 and taken[0] is not None  # the prediction held: the early frames were used

    monkeypatch.setattr(early_frames, "start", lambda *args: None)
    build_site(registry, tmp_path / "late")
    early, late = files_of(tmp_path / "early"), files_of(tmp_path / "late")
    assert sorted(early) == sorted(late)
    assert [name for name in early if early[name] != late[name]] == []


def test_a_navigation_unlike_the_prediction_renders_the_frames_again(tmp_path, monkeypatch):
    """A hook that changes the navigation: the early frames are set aside, and the frames show the new entry."""
    from claimgraph.site import build as site_build

    def hook(build):
        build.nav.append({"Extra": "extra.md"})
        build.write_page("extra.md", "# Extra\n")

    monkeypatch.setattr(site_build, "EXTRA_PAGES", [*site_build.EXTRA_PAGES, hook])
    taken = []
    take = early_frames.take
    monkeypatch.setattr(early_frames, "take", lambda early, text: taken.append(take(early, text)) or taken[-1])
    build_site(load(FIXTURES / "valid"), tmp_path / "site")
    assert taken == [None]
    claim_page = next(p for p in (tmp_path / "site" / "claims").glob("*.html") if p.name != "index.html")
    assert 'href="../extra.html"' in claim_page.read_text(encoding="utf-8")
