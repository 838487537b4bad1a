"""`claimgraph sources fetch` against a loopback server speaking each API's format, and
`check` proven to open no socket while it reads what was fetched.

The server answers as the real services document their responses: the arXiv API's Atom feed
(https://info.arxiv.org/help/api/user-manual.html), Crossref's REST ``/works/{doi}`` JSON
(https://api.crossref.org/swagger-ui/index.html), DataCite's JSON:API ``/dois/{doi}``
(https://support.datacite.org/docs/api-get-doi), an HTML article, and a PDF the test makes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from claimgraph.sources.manifest import read_manifest

from .conftest import PROJECT, run_cli
from .sources_pdf import make_pdf
from .test_no_network import CHILD

DOI = "10.1234/example.2021.1"
ARXIV_ID = "2201.00001"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def crossref_work(title: str, *, licence: str | None = CC_BY, link: str | None = None) -> dict:
    message = {
        "DOI": DOI,
        "type": "journal-article",
        "title": [title],
        "author": [
            {"given": "Jane", "family": "Doe", "sequence": "first"},
            {"given": "John", "family": "Smith", "sequence": "additional"},
        ],
        "issued": {"date-parts": [[2021, 3, 1]]},
        "container-title": ["Journal of Examples"],
    }
    if licence:
        message["license"] = [{"URL": licence, "content-version": "vor", "delay-in-days": 0}]
    if link:
        message["link"] = [
            {
                "URL": link,
                "content-type": "application/pdf",
                "content-version": "vor",
                "intended-application": "text-mining",
            }
        ]
    return {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": message}


def arxiv_feed(base: str, entry: bool = True) -> str:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        f'<title type="html">ArXiv Query: id_list={ARXIV_ID}</title>\n'
        f"<opensearch:totalResults>{1 if entry else 0}</opensearch:totalResults>\n"
    )
    if not entry:
        return head + "</feed>\n"
    return (
        head
        + f'''<entry>
  <id>http://arxiv.org/abs/{ARXIV_ID}v1</id>
  <updated>2022-01-01T00:00:00Z</updated>
  <published>2022-01-01T00:00:00Z</published>
  <title>Smaller
    Models</title>
  <summary>  We find the compute needed halving roughly every 8 months. Smaller models now match larger ones. </summary>
  <author><name>Richard Roe</name></author>
  <link href="http://arxiv.org/abs/{ARXIV_ID}v1" rel="alternate" type="text/html"/>
  <link title="pdf" href="{base}/arxiv/pdf/{ARXIV_ID}v1" rel="related" type="application/pdf"/>
  <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
</entry>
</feed>
'''
    )


def datacite_doi(doi: str, title: str) -> dict:
    return {
        "data": {
            "id": doi,
            "type": "dois",
            "attributes": {
                "doi": doi,
                "titles": [{"title": title}],
                "creators": [{"name": "Doe, Jane", "nameType": "Personal", "givenName": "Jane", "familyName": "Doe"}],
                "publisher": "Example Data Archive",
                "publicationYear": 2021,
                "rightsList": [{"rights": "Creative Commons Attribution 4.0", "rightsUri": CC_BY}],
                "contentUrl": None,
                "url": "https://example.org/data",
            },
        }
    }


ARTICLE = (
    "<html><head><title>Energy</title></head><body><nav>Home | About | Subscribe</nav><main><article>"
    "<h1>The energy of training</h1><p>The compute needed is halving roughly every 8 months, the authors "
    "write, and smaller models now match larger ones on most benchmarks we looked at.</p>"
    "<p>Training model X consumed 1,287 MWh of electricity, according to the paper.</p></article></main>"
    "<footer>Cookie settings</footer></body></html>"
)


class Api:
    """What the loopback server answers; tests change it, and read which paths were asked."""

    def __init__(self):
        self.crossref: dict[str, dict] = {}
        self.datacite: dict[str, dict] = {}
        self.arxiv_entry = True
        self.files: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.failures: list[int] = []  # status codes answered, in order, before any real answer
        self.delay = 0.0  # seconds before answering
        self.times: list[float] = []  # when each request arrived


@pytest.fixture
def api(monkeypatch, tmp_path):
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            state.times.append(time.monotonic())
            if state.delay:
                time.sleep(state.delay)
            if state.failures:
                code = state.failures.pop(0)
                self.send_response(code)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            base = f"http://127.0.0.1:{self.server.server_port}"
            if parts.path == "/arxiv/api/query":
                return self.reply(200, arxiv_feed(base, state.arxiv_entry).encode(), "application/atom+xml")
            if parts.path.startswith("/crossref/works/"):
                doi = parts.path[len("/crossref/works/") :]
                if doi in state.crossref:
                    return self.reply(200, json.dumps(state.crossref[doi]).encode(), "application/json")
                return self.reply(404, b"Resource not found.", "text/plain")
            if parts.path.startswith("/datacite/dois/"):
                doi = parts.path[len("/datacite/dois/") :]
                if doi in state.datacite:
                    return self.reply(200, json.dumps(state.datacite[doi]).encode(), "application/vnd.api+json")
                return self.reply(
                    404,
                    b'{"errors":[{"status":"404","title":"The resource you are looking for doesn\'t exist."}]}',
                    "application/vnd.api+json",
                )
            if parts.path in state.files:
                body, media = state.files[parts.path]
                return self.reply(200, body, media)
            return self.reply(404, b"not here", "text/plain")

        def reply(self, code, body, media):
            try:
                self.send_response(code)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and left (test_a_slow_server_times_out)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    state.base = base
    monkeypatch.setenv("CLAIMGRAPH_ARXIV_API", base + "/arxiv/api/query")
    monkeypatch.setenv("CLAIMGRAPH_CROSSREF_API", base + "/crossref")
    monkeypatch.setenv("CLAIMGRAPH_DATACITE_API", base + "/datacite")
    monkeypatch.setenv("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "0")
    monkeypatch.setenv("CLAIMGRAPH_CONTACT", "reviewer@example.org")
    state.files[f"/arxiv/pdf/{ARXIV_ID}v1"] = (
        make_pdf(
            [
                "Smaller Models. Abstract: the compute needed is halving roughly every 8 months.",
                "1 Introduction",
                "3 Results. Smaller models now match larger ones.",
            ]
        ),
        "application/pdf",
    )
    yield state
    server.shutdown()
    server.server_close()


def test_arxiv_metadata_abstract_and_pdf_are_recorded(api, copy_fixture):
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "Roe2022")
    assert result.code == 0, result.err
    record = read_manifest(root).sources["Roe2022"]
    assert record.identifier == f"arxiv:{ARXIV_ID}"
    assert record.metadata["title"] == "Smaller Models" and record.metadata["authors"] == ["Roe, Richard"]
    assert record.metadata["year"] == "2022" and record.metadata["resolved"] is True
    by_what = {r.what: r for r in record.retrievals}
    assert by_what["metadata"].url == f"{api.base}/arxiv/api/query?id_list={ARXIV_ID}&max_results=1"
    assert by_what["text"].media_type == "application/pdf" and len(by_what["text"].sha256) == 64
    assert by_what["abstract"].media_type == "text/plain" and by_what["text"].retrieved.endswith("Z")
    # arXiv's default licence does not allow redistribution: nothing kept in the registry
    assert by_what["text"].kept is None and not (root / "sources" / "texts").exists()
    assert all("mailto:reviewer@example.org" in agent for _, agent in api.requests)
    # check reads the fetched PDF from the cache: the quotes are found, the source's record matches
    check = run_cli("check", "-r", str(root), "--fail-level", "info")
    assert check.code == 0 and check.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)", check.out
    # a later --record-only (no network) keeps what was fetched
    before = (root / "sources" / "manifest.json").read_text()
    assert run_cli("sources", "fetch", "-r", str(root), "Roe2022", "--record-only").code == 0
    assert (root / "sources" / "manifest.json").read_text() == before
    status = run_cli("sources", "status", "-r", str(root))
    assert "Roe2022\ttext: application/pdf, 3 pages, from the local cache, fetched from" in status.out
    assert "unchanged" in status.out.split("Roe2022")[1]


def test_an_unknown_arxiv_id_does_not_resolve(api, copy_fixture):
    api.arxiv_entry = False
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "Roe2022").code == 0
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "CG391" in result.out and f"arxiv:{ARXIV_ID} does not resolve" in result.out


def test_crossref_doi_resolving_to_another_work_is_an_error(api, copy_fixture):
    api.crossref[DOI] = crossref_work("Cooling Towers of Example Data Centres")
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "Doe2021").code == 0
    result = run_cli("check", "-r", str(root))
    assert result.code == 1
    assert "bib/references.bib:3: CG390 error: Doe2021: doi:10.1234/example.2021.1 is “Cooling Towers" in result.out


def test_crossref_title_with_subtitle_accents_and_case_is_the_same_work(api, copy_fixture, tmp_path):
    api.crossref[DOI] = crossref_work("The energy of training <i>model&#160;X</i>: a case study")
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "Doe2021").code == 0
    assert run_cli("check", "-r", str(root), "--fail-level", "info").code == 0
    # the source's page says what the identifier resolved to
    assert run_cli("build", "-r", str(root), "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site" / "sources" / "doe2021.html").read_text()
    # (the fixture's first language is French, so the interface's words are: "Notice", "résolu par")
    assert (
        f"<tr><td>Notice</td><td>doi:{DOI} résolu par crossref : « The energy of training model X: a case "
        "study » (2021)</td></tr>"
    ) in page  # markup and entities gone from the recorded title


def test_open_access_full_text_is_kept_only_when_asked_and_allowed(api, copy_fixture):
    api.files["/oa/doe.pdf"] = (
        make_pdf(
            [
                f"Page {n}."
                + (" Training model X consumed 1,287 MWh of electricity." if n == 4 else "")
                + (" a growth of 5% per year" if n == 7 else "")
                for n in range(1, 11)
            ]
        ),
        "application/pdf",
    )
    api.crossref[DOI] = crossref_work("The Energy of Training Model X", link=api.base + "/oa/doe.pdf")
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "Doe2021", "--keep").code == 0
    text = read_manifest(root).sources["Doe2021"].latest("text")
    assert text.kept == "sources/texts/Doe2021.pdf" and text.licence == CC_BY
    assert (root / text.kept).is_file()
    result = run_cli("check", "-r", str(root), "--fail-level", "info", "--no-cache")
    assert result.code == 0, result.out  # found on p. 4 and p. 7
    # the kept copy edited afterwards: check says the text changed since it was fetched
    (root / text.kept).write_bytes(make_pdf(["Nothing of the sort."]))
    changed = run_cli("check", "-r", str(root))
    assert "CG386" in changed.out and "CG382" in changed.out
    assert "changed since recorded" in run_cli("sources", "status", "-r", str(root)).out


def test_a_doi_crossref_does_not_know_is_asked_of_datacite(api, copy_fixture):
    api.datacite[DOI] = datacite_doi(DOI, "The Energy of Training Model X")
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "Doe2021")
    assert result.code == 0 and "not found by crossref" in result.err and "metadata from datacite" in result.err
    record = read_manifest(root).sources["Doe2021"]
    assert record.metadata["via"] == "datacite" and record.metadata["licence"] == CC_BY
    assert {(r.via, r.status) for r in record.retrievals} == {("crossref", "not found"), ("datacite", "fetched")}
    assert run_cli("check", "-r", str(root), "--fail-level", "warning").code == 0


def test_a_doi_nobody_knows_is_an_invented_reference(api, copy_fixture):
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "Doe2021").code == 0
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "CG391" in result.out and "does not resolve (datacite answered 404)" in result.out


def test_a_url_gives_the_pages_main_text(api, copy_fixture):
    api.files["/article.html"] = (ARTICLE.encode(), "text/html; charset=utf-8")
    root = copy_fixture("valid")
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text() + f"\n@online{{Web2024,\n  author = {{Poe, Ann}},\n  title = {{The energy of "
        f"training}},\n  year = {{2024}},\n  url = {{{api.base}/article.html}},\n}}\n"
    )
    energy = root / "claims" / "energy.ttl"
    energy.write_text(energy.read_text().replace("cg:cites source:Roe2022 ;", "cg:cites source:Web2024 ;"))
    assert run_cli("sources", "fetch", "-r", str(root), "Web2024").code == 0
    text = read_manifest(root).sources["Web2024"].latest("text")
    assert text.media_type == "text/html" and text.url == api.base + "/article.html"
    result = run_cli("check", "-r", str(root), "--fail-level", "info")
    assert "CG382" not in result.out and "CG380" not in result.out, result.out


def test_offline_is_a_clear_message(monkeypatch, copy_fixture):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("CLAIMGRAPH_CROSSREF_API", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("CLAIMGRAPH_ARXIV_API", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "0")
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    assert "Doe2021: offline or unreachable" in result.err and "Roe2022: skipped: offline" in result.err


def test_record_only_writes_where_each_source_would_be_fetched_from(monkeypatch, copy_fixture):
    monkeypatch.setenv("CLAIMGRAPH_CROSSREF_API", "http://192.0.2.1/never")  # would fail if it were asked
    root = copy_fixture("valid")
    assert run_cli("sources", "fetch", "-r", str(root), "--record-only").code == 0
    records = read_manifest(root).sources
    assert records["Doe2021"].retrievals[0].status == "not fetched"
    assert records["Doe2021"].retrievals[0].url == f"http://192.0.2.1/never/works/{DOI}"
    assert records["Roe2022"].retrievals[0].url.startswith("https://export.arxiv.org/api/query?id_list=2201.00001")
    assert run_cli("check", "-r", str(root), "--fail-level", "info").code == 0  # nothing fetched, nothing said


def test_check_opens_no_socket_while_reading_fetched_texts(api, copy_fixture, tmp_path):
    """The fetched registry (texts in the cache, a kept text, a local copy) is checked, listed and
    built under an audit hook that refuses every connection."""
    api.files["/oa/doe.pdf"] = (make_pdf(["Training model X consumed 1,287 MWh of electricity."]), "application/pdf")
    api.crossref[DOI] = crossref_work("The Energy of Training Model X", link=api.base + "/oa/doe.pdf")
    api.files["/article.html"] = (ARTICLE.encode(), "text/html; charset=utf-8")
    root = copy_fixture("valid")
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text() + f"\n@online{{Web2024,\n  author = {{Poe, Ann}},\n  title = {{The energy of "
        f"training}},\n  year = {{2024}},\n  url = {{{api.base}/article.html}},\n}}\n"
    )
    energy = root / "claims" / "energy.ttl"
    energy.write_text(energy.read_text().replace("cg:cites source:Roe2022 ;", "cg:cites source:Web2024 ;"))
    assert run_cli("sources", "fetch", "-r", str(root), "--keep").code == 0
    assert {"application/pdf", "text/html"} <= {
        r.media_type for rec in read_manifest(root).sources.values() for r in rec.retrievals
    }
    commands = [
        ["check", "-r", str(root), "--no-cache"],
        ["check", "-r", str(root), "--require-texts", "--no-cache"],
        ["sources", "status", "-r", str(root)],
        ["build", "-r", str(root), "--out", str(tmp_path / "site")],
        ["sources", "fetch", "-r", str(root), "--record-only"],
    ]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands)], capture_output=True, text=True, timeout=600, cwd=PROJECT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["attempts"] == [], report["attempts"]
    assert [r["code"] for r in report["results"]] == [1, 1, 0, 0, 0], report["results"]
    assert all("Traceback" not in r["err"] for r in report["results"])


def test_a_doi_that_resolves_to_nothing_does_not_hide_behind_the_preprint(api, copy_fixture):
    """Regression: the entry's DOI is invented, its arXiv id is real: the DOI is reported, and the
    preprint's PDF is still fetched as the text."""
    root = copy_fixture("valid")
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace(
            "  eprint       = {2201.00001},", "  doi          = {10.5555/roe.2022},\n  eprint       = {2201.00001},"
        )
    )
    assert run_cli("sources", "fetch", "-r", str(root), "Roe2022").code == 0
    record = read_manifest(root).sources["Roe2022"]
    assert record.identifier == "doi:10.5555/roe.2022" and record.metadata["resolved"] is False
    assert record.latest("text").via == "arxiv"
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "CG391 error: Roe2022: doi:10.5555/roe.2022 does not resolve" in result.out


def test_busy_servers_are_retried_with_backoff(api, copy_fixture):
    """503 and 429 (with Retry-After) are retried; the fourth answer is the record."""
    api.crossref[DOI] = crossref_work("The Energy of Training Model X")
    api.failures = [503, 429, 502]
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "Doe2021")
    assert result.code == 0, result.err
    assert [p for p, _ in api.requests].count(f"/crossref/works/{DOI}") == 4
    assert read_manifest(root).sources["Doe2021"].metadata["resolved"] is True


def test_a_server_that_stays_busy_is_a_failure_not_a_traceback(api, copy_fixture):
    api.failures = [503] * 10
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "Doe2021")
    assert result.code == 1 and "Doe2021: failed:" in result.err and "HTTP 503" in result.err
    assert "Traceback" not in result.err
    assert read_manifest(root).sources["Doe2021"].metadata is None  # nothing recorded as if it were an answer


def test_a_slow_server_times_out(api, copy_fixture, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_FETCH_TIMEOUT", "0.2")
    api.delay = 1.0
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "Doe2021")
    assert result.code == 1 and "timed out" in result.err and "Traceback" not in result.err


def test_requests_to_one_host_keep_their_interval(api):
    """Politeness, not speed: two requests to one host are at least the host's interval apart."""
    from claimgraph.sources.fetch.http import HttpClient

    client = HttpClient(default_interval=0.5, backoff=0)
    for _ in range(4):
        assert client.get(api.base + "/nothing").status == 404
    times = api.times[1:]  # the first request also pays for setting up the client: not compared
    gaps = [b - a for a, b in zip(times, times[1:])]
    # arrival times vary by the latency of each request: a margin for a loaded machine
    assert len(gaps) == 2 and min(gaps) >= 0.35, gaps


def test_fetch_of_an_unknown_key_says_so_and_writes_nothing(copy_fixture):
    """The bug: `sources fetch NoSuchKey` printed "no BibTeX entry" yet wrote an empty manifest into the
    registry. Now a key naming no entry is a usage error (with the nearest key), before anything is done."""
    root = copy_fixture("valid")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = run_cli("sources", "fetch", "--registry", str(root), "Doe2012")
    assert result.code == 2 and "no BibTeX entry 'Doe2012' (did you mean 'Doe2021'?)" in result.err
    assert "Traceback" not in result.err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CLAIMGRAPH_FETCH_TIMEOUT", "abc"),
        ("CLAIMGRAPH_FETCH_TIMEOUT", "-1"),
        ("CLAIMGRAPH_FETCH_TIMEOUT", "0"),
        ("CLAIMGRAPH_FETCH_TIMEOUT", "nan"),
        ("CLAIMGRAPH_FETCH_TIMEOUT", "inf"),
        ("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "x"),
        ("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "-1"),
        ("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "nan"),
        ("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "1e300"),
    ],
)
def test_a_bad_fetch_setting_is_a_usage_error_before_any_request(api, copy_fixture, monkeypatch, variable, value):
    """The bug: 'abc' was a ValueError traceback (even with --record-only, which asks nothing), -1 the
    socket's "Timeout value out of range" on the first request, nan no time limit at all."""
    monkeypatch.setenv(variable, value)
    root = copy_fixture("valid")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    for record_only in ([], ["--record-only"]):
        result = run_cli("sources", "fetch", "-r", str(root), *record_only)
        assert result.code == 2 and "Traceback" not in result.err
        assert result.err.startswith(f"claimgraph: error: {variable}={value!r}: expected ")
    assert api.requests == []
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_good_fetch_settings_are_taken(monkeypatch):
    from claimgraph.sources.fetch.http import HttpClient

    monkeypatch.setenv("CLAIMGRAPH_FETCH_TIMEOUT", " 2.5 ")
    monkeypatch.setenv("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "0")
    client = HttpClient.from_environment()
    assert client.timeout == 2.5 and client.default_interval == 0 and client.intervals["arxiv.org"] == 0
    monkeypatch.setenv("CLAIMGRAPH_FETCH_TIMEOUT", "")  # set but blank: the default, as an unset one
    monkeypatch.delenv("CLAIMGRAPH_FETCH_INTERVAL_SCALE")
    client = HttpClient.from_environment()
    assert client.timeout == 30.0 and client.intervals["arxiv.org"] == 3.0


@pytest.mark.parametrize("contact", ["a@b.c\r\nX-Evil: 1", "a@b.c\n", "a\tb@c.d", "a@b.c\x7f"])
def test_a_contact_with_a_control_character_is_refused(api, copy_fixture, monkeypatch, contact):
    """The bug: a line break in --contact reached urllib as an invalid header (a ValueError traceback);
    had it not, it would have added a header of the user's choosing to every request."""
    root = copy_fixture("valid")
    result = run_cli("sources", "fetch", "-r", str(root), "--contact", contact)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith(f"claimgraph: error: --contact {contact!r}: an e-mail address cannot hold U+00")
    monkeypatch.setenv("CLAIMGRAPH_CONTACT", contact)
    result = run_cli("sources", "fetch", "-r", str(root), "--record-only")
    assert result.code == 2 and result.err.startswith(f"claimgraph: error: $CLAIMGRAPH_CONTACT {contact!r}: ")
    assert api.requests == []


def test_a_non_ascii_contact_is_sent_in_ascii(api, copy_fixture):
    """The bug: `--contact 日本@例え.jp` was a UnicodeEncodeError (latin-1) traceback: HTTP headers are
    ASCII. The address goes as a mailto: URI does: the domain in IDNA, the local part percent-encoded."""
    root = copy_fixture("valid")
    api.crossref[DOI] = crossref_work("Deep learning energy use")
    run_cli("sources", "fetch", "-r", str(root), "Doe2021", "--contact", "日本@例え.jp")
    agents = {agent for _, agent in api.requests}
    assert len(agents) == 1 and agents.pop().endswith("; mailto:%E6%97%A5%E6%9C%AC@xn--r8jz45g.jp)")


def test_user_agent_names_the_contact(monkeypatch):
    from claimgraph.errors import USAGE, ClaimgraphError
    from claimgraph.sources.fetch.http import user_agent

    monkeypatch.delenv("CLAIMGRAPH_CONTACT", raising=False)
    assert user_agent(None).endswith("(https://w3id.org/claimgraph)")
    assert user_agent("you@example.org").endswith("; mailto:you@example.org)")  # ASCII: as given
    assert user_agent("josé@münchen.de").endswith("; mailto:jos%C3%A9@xn--mnchen-3ya.de)")
    assert user_agent("\udcff@example.org").endswith("; mailto:%FF@example.org)")  # a byte that is not UTF-8
    monkeypatch.setenv("CLAIMGRAPH_CONTACT", "from-env@example.org")
    assert user_agent(None).endswith("; mailto:from-env@example.org)")
    with pytest.raises(ClaimgraphError) as caught:
        user_agent("x@" + "é" * 70 + ".jp")  # a label over 63 characters: no IDNA form
    assert caught.value.kind is USAGE and "IDNA" in str(caught.value)
