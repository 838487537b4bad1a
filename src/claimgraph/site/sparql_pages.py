"""The SPARQL section of the site: saved queries with their answers, and a query page that runs in the browser.

An extra-pages hook (:func:`sparql_pages`, in :data:`.build.EXTRA_PAGES`) that writes:

* ``sparql/<name>.md``, one page per saved query (``queries/*.rq``, see
  :mod:`claimgraph.sparql.saved`): its title, description and text, and its result
  table computed at build time with :func:`claimgraph.sparql.run_query` (written as HTML by
  ``saved-query-table.html.j2``, an HTML block of :mod:`.html_blocks`: every cell escaped;
  IRIs of claims, sources, measurands and steps link to their pages), with the whole result
  beside it as CSV (SELECT) or N-Triples (CONSTRUCT);
* ``sparql/index.md``, the list of saved queries;
* ``sparql/query.md``, a page that runs SPARQL in the reader's browser: Oxigraph's
  WebAssembly build (the npm package ``oxigraph``: shipped inside the installed package, or
  installed by ``make npm`` in a checkout) is copied
  into ``assets/oxigraph/`` and ``assets/sparql.js`` loads it with the site's own
  ``downloads/registry.trig`` and ``sparql/vocabulary.trig`` (the vocabulary and its SKOS
  schemes, which `claimgraph query` also sees: a query reading a status's notation or rank
  needs them); ``sparql/queries.json`` holds the saved queries, the
  registry base, the standard prefixes and the page of every IRI that has one. Every
  URL is relative, so any static server will do and nothing is fetched from elsewhere.

Without ``node_modules/oxigraph`` the build still succeeds: the query page says that
the in-browser engine was not packaged and how to package it, and the saved queries'
tables are there as ever.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..parallel import ForkedWorker
from .. import sparql
from . import answer_reuse
from ..sparql.results import compact
from ..sparql.run import QueryError, Solutions, check_query, execute, materialise, standard_prefixes, with_deadline
from ..spreadsheet import FORMULA_STARTS, escape_controls, spreadsheet_cell
from .errors import SiteBuildError
from .environment import shipped_query

if TYPE_CHECKING:  # build.py imports this module
    from .build import SiteBuild

#: Rows shown on a saved query's page; the CSV (or N-Triples) beside it holds them all.
MAX_ROWS = 500
#: Seconds a saved query may run at build time before its page says it was abandoned.
QUERY_TIMEOUT = 60.0
#: Files of the npm package ``oxigraph`` that browsers need (its package.json ``browser`` field: web.js).
ENGINE_FILES = ("web.js", "web_bg.wasm", "package.json")
#: Where the engine goes in the site, and the page the reader queries on.
ENGINE_DIR = "assets/oxigraph"
QUERY_PAGE = "sparql/query.md"
INDEX_PAGE = "sparql/index.md"
#: The vocabulary graph beside the query page, loaded with the registry's data.
VOCABULARY_FILE = "vocabulary.trig"
#: The project root (a checkout, where ``make npm`` installs node_modules/).
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent.parent
#: The engine shipped inside the package (wheel and sdist): a copy of node_modules/oxigraph that
#: ``make engine`` puts there before the package is built (generated, so not in git).
PACKAGED_ENGINE = Path(__file__).resolve().parent.parent / "site_engine" / "oxigraph"


@dataclass
class Cell:
    text: str
    path: str | None = None  # the site page of an IRI, relative to the site root (``claims/x.md``)


@dataclass
class Answer:
    """A saved query's result as the page shows it."""

    kind: str = "select"  # select, ask, graph, error
    columns: list[str] | None = None
    rows: list[list[Cell]] | None = None
    total: int = 0
    boolean: bool | None = None
    error: str | None = None
    download: str | None = None  # file name next to the page
    result: object = None  # the whole result (Solutions or triples), for the download


class SavedAnswers(ForkedWorker):
    """The saved queries answered beside the rest of the build.

    At 10,000 claims the queries take ~1 s of Oxigraph's time and writing their whole results as CSV
    another ~0.4 s, while the build gathers and renders the reading pages on one core. With ``fork``,
    a forked process (started before any thread exists, like :class:`.rdf_views.GraphDownloads`) runs
    them meanwhile, writes each result's download next to its page, and sends back only what the pages
    show (the first :data:`MAX_ROWS` rows, as the texts of their cells: :func:`shown_answers`): Python
    objects for every row would cost the build as much to receive as to compute. (A thread would not do: handing each row to Python takes the GIL from
    the busy main thread, and both slow down.) Without ``fork``, or where forking is not safe, the
    queries run when :meth:`answers` is first called.

    With ``out`` (the site being replaced), an answer the previous build gave is taken again, with its download,
    where no statement the query can match changed since (:mod:`.answer_reuse`): a one-claim edit reruns the
    few queries reading what it changed. :meth:`remember`, once the new site is in place, keeps this build's
    answers for the next."""

    def __init__(
        self, registry, docs: Path, *, fork: bool, out: Path | None = None, previous_stamp: tuple | None = None
    ):
        import multiprocessing

        from ..parallel import can_fork

        self.registry, self.docs = registry, docs
        self.queries = sparql.saved_queries(registry)
        self._answers: list[Answer] | None = None
        self._process = self._outcome = None
        #: Where the previous answers are (the site at ``out``, whose marker has ``previous_stamp``, and the record
        #: of its build: see :mod:`.answer_reuse`).
        self.out = None if out is None or registry.root is None else Path(out)
        self.previous_stamp = previous_stamp
        self.record = None if self.out is None else answer_reuse.Record(self.out)
        #: Once answered: the names of the queries whose answers were taken from the previous build, and the
        #: predicates changed since it (None: anything may have, or no previous build).
        self.reused: list[str] = []
        self.changed: frozenset[str] | None = None
        if not fork or not can_fork():
            return
        context = multiprocessing.get_context("fork")
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_answer_in_child, args=(self, sender), daemon=True, name="claimgraph-saved-queries"
        )
        self._process.start()
        sender.close()

    def answers(self) -> list[Answer]:
        """Each query's answer (its download written), in the order of :attr:`queries`."""
        if self._answers is not None:
            return self._answers
        if self._process is None:
            self._answers, self.reused, self.changed = _answered(self)
            return self._answers
        try:
            kind, value = self._outcome.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            self._process.join()
            kind, value = "failed", f"the process answering them ended with code {self._process.exitcode}"
        finally:
            self._outcome.close()
        self._process.join()
        self._process = None
        if kind != "answers":
            raise SiteBuildError(f"cannot answer the saved queries: {value}")
        self._answers, self.reused, self.changed = value
        return self._answers

    def remember(self, stamp: tuple | None) -> None:
        """The site built with these answers is now at ``out`` (its marker has ``stamp``): the next build may
        take them again (see :mod:`.answer_reuse`)."""
        if self.record is not None and self._answers is not None:
            self.record.commit(stamp)

    def stop(self) -> None:
        super().stop()
        if self.record is not None:
            self.record.discard()  # (nothing left once committed)


def _answer_in_child(saved: SavedAnswers, outcome) -> None:
    from ..parallel import collector_paused

    try:
        # (the process ends once it has answered: the collector's passes over what it made were wasted)
        with collector_paused():
            message = ("answers", _answered(saved))
    except BaseException as exc:  # tracebacks do not cross processes: say what failed
        message = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        outcome.send(message)
    finally:
        outcome.close()


def _answers(registry, queries, docs: Path) -> list[Answer]:
    """Each query's answer with its whole result written to its download (see :func:`_fresh_answer`)."""
    slugs = query_slugs([q.name for q in queries])
    return [_fresh_answer(registry, query, docs, slugs[query.name])[0] for query in queries]


def _fresh_answer(registry, query, docs: Path, slug: str) -> tuple[Answer, bytes | None]:
    """The answer of the saved ``query``, its whole result written to its download (:func:`download_bytes`) and
    dropped: the pages show terms, not cells (the pages of IRIs are known to the build alone; see :func:`cells`);
    and the download's bytes (None: there is none)."""
    answer = result_answer(result_of(registry, query.text), query_file(query, registry.root))
    data = download_bytes(answer)
    if data is not None:
        answer.download = f"{slug}.{data[0]}"
        _write(docs / "sparql" / answer.download, data[1])
    answer.result = None
    return answer, None if data is None else data[1]


def _answered(saved: SavedAnswers) -> tuple[list[Answer], list[str], frozenset[str] | None]:
    """Each query's answer as :func:`shown_answers` gives it, its whole result written to its download; the
    names of those taken from the previous build (:mod:`.answer_reuse`), and the predicates changed since."""
    registry, queries, docs, record = saved.registry, saved.queries, saved.docs, saved.record
    if record is None or saved.out is None:
        return shown_answers(_answers(registry, queries, docs), registry.settings.base), [], None
    previous_site = saved.out.resolve()
    previous = record.previous(saved.previous_stamp)
    dependencies = answer_reuse.Dependencies(registry.settings.base, standard_prefixes())
    changes = answer_reuse.Changes(registry, record, previous, dependencies)
    remembered = previous.get("answers") if previous is not None else None
    if not isinstance(remembered, dict):
        remembered = {}
    slugs = query_slugs([q.name for q in queries])
    answers: list[Answer] = []
    fresh: list[int] = []  # the places of the answers computed now (their rows still terms)
    kept: dict[str, dict] = {}  # by the query's text: what the next build may take again
    reused = []
    for query in queries:
        slug, key = slugs[query.name], answer_reuse.digest(query.text.encode("utf-8"))
        entry = remembered.get(key)
        if isinstance(entry, dict) and entry.get("slug") == slug and changes.unchanged_for(query.text, entry):
            taken = answer_reuse.taken(entry, previous_site, docs)
            if taken is not None:
                reused.append(query.name)
                answers.append(Answer(**taken))
                kept[key] = entry
                continue
        answer, data = _fresh_answer(registry, query, docs, slug)
        fresh.append(len(answers))
        answers.append(answer)
        # an answer naming a blank node reads otherwise on every load; a failure may be a deadline
        if answer.kind != "error" and (data is None or b"_:" not in data):
            kept[key] = {
                "slug": slug,
                "sha": None if data is None else answer_reuse.digest(data),
                "at": len(answers) - 1,
            }
    for at, shown in zip(fresh, shown_answers([answers[at] for at in fresh], registry.settings.base)):
        answers[at] = shown
    for entry in kept.values():
        if "at" in entry:
            entry["answer"] = answer_reuse.answer_data(answers[entry.pop("at")])
    record.keep_texts(changes.texts, previous)
    record.write_pending(changes.state(kept))
    return answers, reused, changes.predicates


def shown_answers(answers: list[Answer], base: str) -> list[Answer]:
    """``answers`` with each term of their rows as what its cell shows: ``(text, IRI)`` (the IRI None but for
    an IRI, whose page the build alone knows: see :func:`cells`), or None where unbound.

    The terms themselves cost the forked process (:class:`SavedAnswers`) a tenth of a second to send and the
    build as much to receive (pyoxigraph's terms pickle through their constructors); their texts are plain
    strings, one object per distinct term (the same claims and sources come again row after row)."""
    seen: dict = {None: None}
    out = []
    for answer in answers:
        if answer.rows is None:
            out.append(answer)
            continue
        rows = []
        for row in answer.rows:
            shown = []
            for term in row:
                found = seen.get(term, seen)
                if found is seen:
                    text = compact(term, base)
                    if isinstance(term, ox.NamedNode):
                        found = (text.strip("<>") if text.startswith("<") else text, term.value)
                    else:
                        found = (text, None)
                    seen[term] = found
                shown.append(found)
            rows.append(tuple(shown))
        out.append(dataclasses.replace(answer, rows=rows))
    return out


def sparql_pages(build: SiteBuild) -> None:
    """Write the SPARQL section and make the nav's SPARQL entry a section: the list, then the query page."""
    registry, model = build.registry, build.model
    pages = page_index(model)
    saved = getattr(build, "saved_answers", None)
    if saved is None or saved.registry is not registry or saved.docs != build.docs:
        saved = SavedAnswers(registry, build.docs, fork=False)
    queries, answers = saved.queries, saved.answers()
    changed = "anything" if saved.changed is None else " ".join(sorted(saved.changed)) or "nothing"
    logging.getLogger(__name__).debug(
        "saved queries: %d of %d answers taken from the previous build (%s); changed since: %s",
        len(saved.reused),
        len(queries),
        " ".join(saved.reused),
        changed,
    )
    slugs = query_slugs([q.name for q in queries])
    entries = []
    made: dict = {}
    for query, answer in zip(queries, answers):
        slug = slugs[query.name]
        answer = cells(answer, pages, made)
        build.render(
            "saved-query.md.j2",
            f"sparql/{slug}.md",
            query=query,
            answer=answer,
            query_page=QUERY_PAGE,
            run_query=f"?saved={slug}" if slug == query.name else "",
        )
        entries.append({"query": query, "path": f"sparql/{slug}.md", "kind": answer.kind, "total": answer.total})

    engine = package_engine(build, registry.root)
    if engine is None:
        logging.getLogger(__name__).warning(
            "the in-browser SPARQL engine (oxigraph's WebAssembly build) is neither in this installation of "
            "claimgraph nor in node_modules/oxigraph, so the query page only says how to get it: install "
            "claimgraph from PyPI's wheel (a package built with CLAIMGRAPH_BUILD_WITHOUT_ENGINE lacks it), "
            "or run `make engine` in a checkout, and build again"
        )
    data = "downloads/registry.trig"
    has_data = (build.docs / data).is_file()
    write_vocabulary(build)
    english_site = (model.languages or ("en",))[0].split("-")[0].lower() == "en"
    config = {
        "base": model.base,
        # the registry's first language: the query the page opens with asks for the statements in it
        "language": (model.languages or ("en",))[0],
        "root": "../",
        "engine": f"../{ENGINE_DIR}/web.js",
        "wasm": f"../{ENGINE_DIR}/web_bg.wasm",
        # every graph `claimgraph query` runs on: the registry's two, and the vocabulary
        "data": [f"../{data}", VOCABULARY_FILE],
        "format": "application/trig",
        "prefixes": standard_prefixes(),
        "pages": {iri: path[:-3] + ".html" for iri, path in pages.items()},
        "queries": [
            {
                "name": e["query"].name,
                "title": e["query"].title,
                "description": e["query"].description,
                "text": e["query"].text,
                "page": e["path"][:-3] + ".html",
                # the page marks the title of a query claimgraph ships as English on a site in another language
                **({"lang": "en"} if not english_site and shipped_query(e["query"]) else {}),
            }
            for e in entries
        ],
    }
    build.write_file("sparql/queries.json", _indented_json(config, "pages"))
    build.render("sparql.md.j2", INDEX_PAGE, queries=entries, query_page=QUERY_PAGE)
    build.render("query-page.md.j2", QUERY_PAGE, engine=engine, has_data=has_data, queries=entries)

    section = [{"Saved queries": INDEX_PAGE}, {"Query in your browser": QUERY_PAGE}]
    for entry in build.nav:
        if "SPARQL" in entry:
            entry["SPARQL"] = section
            break
    else:
        build.nav.append({"SPARQL": section})


def _indented_json(config: dict, flat: str) -> str:
    """``json.dumps(config, ensure_ascii=False, indent=1)``, the string-to-string dict ``config[flat]`` (the page of
    every IRI: some 14,000 at 10,000 claims) written by hand: with an indent, the json module encodes in Python,
    not C, at a tenth of the speed; a string's text is ``encode_basestring``'s, as the module writes it."""
    items = config[flat]
    if not items or not all(type(k) is str and type(v) is str for k, v in items.items()):
        return json.dumps(config, ensure_ascii=False, indent=1)
    # a stand-in no other value can hold: its text is replaced by the dict's, written as the module would
    marker = "\x00flat\x00"
    shown = json.dumps(marker)
    text = json.dumps({**config, flat: marker}, ensure_ascii=False, indent=1)
    if text.count(shown) != 1:
        return json.dumps(config, ensure_ascii=False, indent=1)
    string = json.encoder.encode_basestring
    body = "{\n" + ",\n".join(f"  {string(k)}: {string(v)}" for k, v in items.items()) + "\n }"
    return text.replace(shown, body)


def write_vocabulary(build: SiteBuild) -> None:
    """The vocabulary graph (classes, properties, the statuses' and roles' SKOS schemes) as TriG, for the
    query page: saved queries read a status's notation and rank from it, as they do on the command line."""
    from .. import rdf_writer
    from ..registry import VOCABULARY_GRAPH

    # stable blank node labels and a fixed order: two builds write the same file
    rows = rdf_writer.store_rows(build.registry.store, [ox.NamedNode(VOCABULARY_GRAPH)])
    build.write_file(f"sparql/{VOCABULARY_FILE}", rdf_writer.trig(rows, {}))


# ------------------------------------------------------------------ build-time answers


def page_index(model) -> dict[str, str]:
    """IRI -> the page about it (``claims/x.md``), for claims, sources, measurands and argument steps."""
    out: dict[str, str] = {}
    for group in (model.sources, model.measurands, model.steps, model.claims):
        for obj in group:
            out[obj.iri] = obj.path
    return out


def query_slugs(names: list[str]) -> dict[str, str]:
    """A page name per saved query: ``[a-z0-9._-]``, unique, never ``index``, ``query`` or ``queries``."""
    used = {"index", "query", "queries"}
    out = {}
    for name in names:
        slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.")[:80] or "query"
        while slug in used:
            slug += "-saved"
        used.add(slug)
        out[name] = slug
    return out


def query_file(query, root: Path | None) -> str:
    """The saved query's file as an error names it: relative to the registry (``queries/x.rq``), as
    ``claimgraph check`` and ``claimgraph query`` name it; ``query`` for one that has no file."""
    if getattr(query, "path", None) is None:
        return "query"
    path = Path(query.path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except (OSError, ValueError):
            pass
    return path.as_posix()


def cell(shown: tuple[str, str | None] | None, pages: dict[str, str]) -> Cell:
    """The cell of a term as :func:`shown_answers` gives it: its text, linked to its page if it has one."""
    if shown is None:
        return Cell("")
    text, iri = shown
    return Cell(text, None if iri is None else pages.get(iri))


def result_of(registry, text: str):
    """A saved query's result (a SELECT's as a :class:`SelectResult`), or the :class:`QueryError` (syntax,
    refused, too slow) that stands for it."""
    try:
        check_query(text)  # a refused query fails here, before any thread starts
        return with_deadline(lambda: _evaluated(registry, text), QUERY_TIMEOUT)
    except QueryError as exc:
        return exc


@dataclass
class SelectResult:
    """A SELECT result as the site uses it: the rows its page shows as terms, the others as their CSV.

    A Python object for every term of every row added a third to Oxigraph's own evaluation of the
    saved queries at 10,000 claims: the rows past :data:`MAX_ROWS` are left to Oxigraph's CSV writer."""

    variables: list[str]
    head: list[tuple]  # the first MAX_ROWS rows: pyoxigraph terms (None if unbound)
    rest: str  # the rows after them, as lines of the download (see download_bytes)
    rest_count: int


@dataclass
class GraphResult:
    """A CONSTRUCT or DESCRIBE result as the site uses it: its N-Triples, the lines in order (sorted
    as the triples of their terms are: a term's text never runs into the space after it), and the
    triples its page shows as terms, read back from their lines."""

    head: list[tuple]  # the first MAX_ROWS triples: (subject, predicate, object) of pyoxigraph terms
    ntriples: bytes
    total: int


def _evaluated(registry, text: str) -> SelectResult | GraphResult | Solutions | bool:
    """Run ``text`` and pull the rows of its result: a SELECT of two variables or more as a
    :class:`SelectResult`, a CONSTRUCT or DESCRIBE as a :class:`GraphResult`."""
    # (checked by result_of already: the check reads the query's tokens, a few milliseconds a query)
    result = execute(registry.store, text, base_iri=registry.settings.base, checked=True)
    if isinstance(result, ox.QueryTriples):
        lines = result.serialize(format=ox.RdfFormat.N_TRIPLES).split(b"\n")[:-1]
        lines.sort()  # (UTF-8 keeps the order of code points)
        # a graph is a set: a triple the template made for several solutions is one line (sorted: repeats adjoin)
        lines = [line for at, line in enumerate(lines) if at == 0 or line != lines[at - 1]]
        shown = b"".join(line + b"\n" for line in lines[:MAX_ROWS])
        head = [(t.subject, t.predicate, t.object) for t in ox.parse(shown, format=ox.RdfFormat.N_TRIPLES)]
        return GraphResult(head, b"".join(line + b"\n" for line in lines), len(lines))
    if not isinstance(result, ox.QuerySolutions) or len(result.variables) < 2:
        return materialise(result)  # (one column: a row may be a lone empty cell, which CSV writers spell apart)
    names = [v.value for v in result.variables]
    # (a solution gives its values in the order of the result's variables, None where unbound)
    head = [tuple(row) for row in itertools.islice(result, MAX_ROWS)]
    # serialising the solutions writes those not read yet: the rows after the head
    rest = download_lines(result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8"), len(names))
    if rest is None:  # an IRI holding a comma, which Oxigraph's CSV does not quote: every row by Python
        return materialise(execute(registry.store, text, base_iri=registry.settings.base))
    return SelectResult(names, head, *rest)


def download_lines(oxigraph_csv: str, columns: int) -> tuple[str, int] | None:
    """The rows of Oxigraph's SPARQL CSV (its header line left out) as :func:`download_bytes` writes
    rows, and how many there are; None if they cannot be told apart.

    Both follow RFC 4180 (a cell quoted if it holds ``"``, ``,`` or a line break, a ``"`` doubled),
    but for IRIs, which Oxigraph never quotes, though one may hold a comma: a row with a comma too
    many cannot be read back. The download neutralises formulas too: a cell starts at a line's
    start, after a comma or (quoted) after a quote, so where no formula character follows one of
    these, no cell needs it. Without a quote, every line is a row, every comma ends a cell, and the
    apostrophes go in by replacing text; with quoted cells that may need one, the rows are read back
    and written again. Controls are escaped (``\x1b``) as in every CSV claimgraph writes."""
    body = oxigraph_csv[oxigraph_csv.index("\r\n") + 2 :]
    # (a cell starting with "\r" is quoted: a "\r" after a comma or at a line's start ends a line)
    unquoted_starts = [
        c for c in FORMULA_STARTS if c != "\r" and (body.startswith(c) or f",{c}" in body or f"\n{c}" in body)
    ]
    if '"' not in body:
        count = body.count("\r\n")
        if body.count(",") != count * (columns - 1):
            return None
        for c in unquoted_starts:
            body = body.replace(f",{c}", f",'{c}").replace(f"\n{c}", f"\n'{c}")
            if body.startswith(c):
                body = "'" + body
        return escape_controls(body), count
    records = list(csv.reader(io.StringIO(body, newline="")))
    if any(len(row) != columns for row in records):
        return None
    # a quoted cell starts with a quote where a cell starts: a quote then a formula character elsewhere is a
    # cell's closing quote (the last of a line's is followed by "\r\n") or a doubled quote ("" inside a cell)
    quoted_starts = [c for c in FORMULA_STARTS if body.startswith(f'"{c}') or f',"{c}' in body or f'\n"{c}' in body]
    if not unquoted_starts and not quoted_starts:
        return escape_controls(body), len(records)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([[spreadsheet_cell(v) for v in row] for row in records])
    return buffer.getvalue(), len(records)


def result_answer(result, name: str = "query") -> Answer:
    """A result of :func:`result_of` as an answer whose rows are terms (the first :data:`MAX_ROWS`); an error
    names the query ``name`` (its file, ``queries/x.rq``) at its line and column, as ``claimgraph query`` does."""
    if isinstance(result, QueryError):
        return Answer(kind="error", error=result.render(name))
    if isinstance(result, bool):
        return Answer(kind="ask", boolean=result, total=1)
    if isinstance(result, SelectResult):
        total = len(result.head) + result.rest_count
        return Answer(kind="select", columns=list(result.variables), rows=result.head, total=total, result=result)
    if isinstance(result, Solutions):
        return Answer(
            kind="select",
            columns=list(result.variables),
            rows=result.rows[:MAX_ROWS],
            total=len(result.rows),
            result=result,
        )
    return Answer(
        kind="graph", columns=["subject", "predicate", "object"], rows=result.head, total=result.total, result=result
    )


def cells(answer: Answer, pages: dict[str, str], made: dict | None = None) -> Answer:
    """``answer`` (its terms as :func:`shown_answers` gives them) with the cells the page shows (IRIs that have
    a page link to it). ``made``: the cells of terms met before (the same claims and sources come again in
    row after row, query after query), shared: the pages only read them."""
    if answer.rows is None:
        return answer
    made = {} if made is None else made
    rows = []
    for row in answer.rows:
        shown = []
        for term in row:
            found = made.get(term)
            if found is None:
                found = made[term] = cell(term, pages)
            shown.append(found)
        rows.append(shown)
    return dataclasses.replace(answer, rows=rows)


def download_bytes(answer: Answer) -> tuple[str, bytes] | None:
    """The whole result's file (its extension and bytes): CSV for a SELECT, N-Triples for a CONSTRUCT or
    DESCRIBE; None for an ASK or a failure.

    The CSV is the SPARQL 1.1 CSV results format (IRIs and literals as plain text, blank
    nodes as ``_:id``), except that text a spreadsheet would run as a formula gets a leading
    apostrophe, as in the claims' CSV on the downloads page.
    """
    if answer.kind == "graph":
        return "nt", answer.result.ntriples
    if answer.kind != "select":
        return None
    result = answer.result
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.head if isinstance(result, SelectResult) else result.rows:
        writer.writerow(
            [
                "" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else spreadsheet_cell(t.value)
                for t in row
            ]
        )
    if isinstance(result, SelectResult):
        buffer.write(result.rest)
    return "csv", buffer.getvalue().encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ------------------------------------------------------------------ the in-browser engine


def engine_candidates(registry_root: Path | None) -> list[tuple[Path, Path]]:
    """(node_modules/oxigraph folder, the folder its files must resolve into), in the order looked at."""
    found = [(PACKAGED_ENGINE, PACKAGED_ENGINE.parent.resolve())]  # an installed claimgraph carries its own
    explicit = os.environ.get("CLAIMGRAPH_NODE_MODULES")
    if explicit:
        folder = Path(explicit) / "oxigraph"
        found.append((folder, folder.resolve()))
    if registry_root is not None:
        found.append((registry_root / "node_modules" / "oxigraph", registry_root.resolve()))
    found.append((PROJECT_ROOT / "node_modules" / "oxigraph", PROJECT_ROOT))
    return found


def find_engine(registry_root: Path | None) -> Path | None:
    """The first ``node_modules/oxigraph`` holding the browser build, or None."""
    for folder, boundary in engine_candidates(registry_root):
        files = [folder / name for name in ENGINE_FILES]
        if all(f.is_file() and f.resolve().is_relative_to(boundary) for f in files):
            return folder
    return None


def package_engine(build: SiteBuild, registry_root: Path | None) -> str | None:
    """Copy oxigraph's browser build into the site; its version, or None if it is not installed."""
    folder = find_engine(registry_root)
    if folder is None:
        return None
    try:
        version = str(json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version", ""))
    except (OSError, ValueError):
        version = ""
    target = build.docs / ENGINE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ENGINE_FILES:
        shutil.copyfile(folder / name, target / name)
    return version or "unknown version"
