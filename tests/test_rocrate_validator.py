"""The RO-Crate of a release passes roc-validator (``rocrate-validator``) at the *recommended* level,
offline: the validator fetches the crate's JSON-LD context over HTTP, so its HTTP cache is seeded
first with the context file that the ``rocrate`` package ships."""

from __future__ import annotations

import importlib.resources
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.export import ROCRATE_CONTEXT, write_rocrate
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT

pytest.importorskip("rocrate_validator")
requests_cache = pytest.importorskip("requests_cache")


def _shipped_context() -> bytes:
    return importlib.resources.files("rocrate").joinpath("data/ro-crate.jsonld").read_bytes()


def _seed_cache(cache: Path, url: str, body: bytes) -> None:
    """Store ``body`` as the answer to the validator's GET of ``url``, as requests_cache keeps answers."""
    import requests
    from urllib3 import HTTPResponse

    session = requests_cache.CachedSession(
        cache_name=str(cache), backend="sqlite", expire_after=-1, allowable_methods=("GET",), allowable_codes=(200,)
    )
    request = session.prepare_request(
        requests.Request("GET", url, headers={"Accept": "application/ld+json, application/json"})
    )
    response = requests.Response()
    response.status_code, response.reason, response.url, response.request = 200, "OK", url, request
    response._content = body
    response.encoding = "utf-8"
    response.headers["Content-Type"] = "application/ld+json"
    response.raw = HTTPResponse(
        body=io.BytesIO(body),
        headers={"Content-Type": "application/ld+json"},
        status=200,
        preload_content=False,
        request_url=url,
    )
    session.cache.save_response(response)
    session.close()


def _validate(root: Path, tmp_path: Path) -> tuple[int, dict]:
    registry = load(root)
    crate = tmp_path / "crate"
    write_rocrate(registry, crate, date="2025-01-01")
    metadata = json.loads((crate / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    # The rocrate package ships one context, RO-Crate 1.3's; the crate names 1.1's. Every term the crate
    # uses is defined in the shipped one, so it expands the crate as the 1.1 context would.
    shipped = json.loads(_shipped_context())["@context"]
    used = {key for entity in metadata["@graph"] for key in entity if not key.startswith("@")}
    assert used <= set(shipped), used - set(shipped)
    cache = tmp_path / "http-cache"
    _seed_cache(cache, ROCRATE_CONTEXT, _shipped_context())
    report = tmp_path / "report.json"
    validator = Path(sys.executable).with_name("rocrate-validator")
    result = subprocess.run(
        [
            str(validator),
            "-y",
            "--disable-color",
            "validate",
            "--offline",
            "--cache-path",
            str(cache),
            "-l",
            "recommended",
            "-f",
            "json",
            "-o",
            str(report),
            str(crate),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.returncode, json.loads(report.read_text(encoding="utf-8"))


AUTHORED = """
authors = [
  { name = "A. Person", affiliation = { name = "A Lab", id = "https://example.org/lab" } },
  { name = "B. Person", id = "https://orcid.org/0000-0000-0000-0000", affiliation = { name = "A Lab", id = "https://example.org/lab" } },
]
publisher = { name = "An Organisation", id = "https://example.org/", type = "Organization" }
version = "1.0"
"""


@pytest.fixture
def authored(copy_fixture):
    root = copy_fixture("valid")
    with (root / "claimgraph.toml").open("a", encoding="utf-8") as handle:
        handle.write(AUTHORED)
    return root


@pytest.mark.parametrize("which", ["bundled", "authored-fixture"])
def test_the_crate_passes_roc_validator_at_the_recommended_level(which, authored, tmp_path):
    code, outcome = _validate(PROJECT if which == "bundled" else authored, tmp_path)
    issues = [(i.get("severity"), i.get("message")) for i in outcome["issues"]]
    assert code == 0 and outcome["passed"] and not issues, issues
    assert outcome["statistics"]["total_checks_by_severity"]["RECOMMENDED"] > 0


def test_without_authors_and_publisher_the_validator_asks_for_them(tmp_path):
    """A finding the validator once gave, kept as a check that the validator really looks: settings without authors
    or publisher give a crate without them, which the recommended level reports."""
    code, outcome = _validate(FIXTURES / "valid", tmp_path)
    messages = " ".join(i.get("message", "") for i in outcome["issues"])
    assert code == 1 and "`author`" in messages and "`publisher`" in messages


def _cli_warnings(root: Path, tmp_path: Path) -> list[str]:
    from .conftest import run_cli

    crate = tmp_path / "cli-crate"
    result = run_cli("export", "-r", str(root), "-f", "rocrate", "-o", str(crate), "--date", "2025-01-01")
    assert result.code == 0 and (crate / "ro-crate-metadata.json").is_file(), result.err  # written all the same
    return [line for line in result.err.splitlines() if line.startswith("claimgraph: warning: ")]


@pytest.mark.parametrize(
    "edit, validator_says, claimgraph_says",
    [
        (None, ["`author`", "`publisher`"], ["no author", "no publisher"]),
        (
            'authors = ["Ada"]\npublisher = "A Press"\n',
            ["affiliation", "`Organization`"],
            ["author(s) Ada have no affiliation", "publisher 'A Press' is a Person"],
        ),
    ],
)
def test_claimgraph_warns_of_what_the_validator_finds_missing(
    copy_fixture, tmp_path, edit, validator_says, claimgraph_says
):
    """What roc-validator reports missing from a crate at its RECOMMENDED level (an author, its affiliation, an
    Organization as publisher), ``export -f rocrate`` says on stderr with the setting to add."""
    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    if edit:
        settings.write_text(settings.read_text(encoding="utf-8") + edit, encoding="utf-8")
    code, outcome = _validate(root, tmp_path)
    messages = " ".join(i.get("message", "") for i in outcome["issues"])
    assert code == 1 and all(words in messages for words in validator_says), messages
    warnings = " ".join(_cli_warnings(root, tmp_path))
    assert all(words in warnings for words in claimgraph_says), warnings
    assert "claimgraph.toml" in warnings


def test_a_crate_the_validator_passes_gets_no_warning(authored, tmp_path):
    assert _cli_warnings(authored, tmp_path) == []
    assert _cli_warnings(PROJECT, tmp_path / "bundled") == []


def test_a_registry_without_a_licence_gets_no_crate(copy_fixture, tmp_path):
    """RO-Crate 1.1 requires the root's license (REQUIRED level: roc-validator fails such a crate): none is
    written, exit 1, the message naming the setting; the folder asked for is not made."""
    from .conftest import run_cli

    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    settings.write_text(
        "".join(line for line in settings.read_text(encoding="utf-8").splitlines(True) if "licence" not in line),
        encoding="utf-8",
    )
    crate = tmp_path / "crate"
    result = run_cli("export", "-r", str(root), "-f", "rocrate", "-o", str(crate))
    assert result.code == 1, result.err
    assert "claimgraph.toml: no licence, which RO-Crate 1.1 requires" in result.err
    assert 'licence = "CC-BY-4.0"' in result.err and "Traceback" not in result.err
    assert not crate.exists() and not list(tmp_path.glob(".crate*"))
