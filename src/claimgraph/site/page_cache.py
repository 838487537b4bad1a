"""Which framed pages (claims, sources, measurands) a build may take from the previous site unchanged.

A framed page (:mod:`.framed_pages`) is made from the things of the site model its template and the
code behind it read. While a page is made, every attribute read on a thing that has an identity of its
own (a claim, source, measurand, step or status, by IRI, and the site model itself) is noted: a
class-level hook on those classes sees every read, the template's, a filter's and a chart's alike. A read
of a computed name (a property, a method) needs no note of its own: what it reads is noted in turn. Once
the pages are written, each thing gets one fingerprint of the fields its pages read: a plain value by its
content, a record without identity (a quote, a quantity, a finding) by its whole content, a thing inside
them by its identity only (what is read on it is a read of its own). A value that cannot be described
fingerprints as one never seen again, so its pages are always made afresh.

The next build into the same folder fingerprints the same fields of the same things on the new model; a
page whose things all kept their fingerprint, whose own triples (its JSON-LD and Turtle) and chart peers are
the same and whose links still lead to files of the site, is taken from the previous site (a hard link, or
its body cut out of the old page and put into the new frame when the frame changed) with the title and
search entry it had. Everything else a page could depend on (claimgraph's code and templates, the
registry's settings, its ``site/`` and ``verification/`` folders) is one key: a change there makes every
page anew. So the site is the one a build from nothing writes.

The comparison of the things and the working out of every page's own triples (some 0.5 s at 10,000 claims)
start in a forked child as soon as the build knows what they read (:meth:`Plan.start_early`: the site model is
gathered and not changed afterwards, the measurands' peers chosen), on another core while the building process
renders the Markdown pages; the building process takes the child's answers when it writes the framed pages,
or works them out itself where no child could be forked or the child failed.

The record lives in the cache folder (:func:`claimgraph.file_io.cache_dir`), one file per output
folder, and is only used for the very site it was written with (the marker file's inode and time).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import marshal
import operator
import os
import pickle
import types
from pathlib import Path

import pyoxigraph as ox

from .. import file_io
from ..parallel import ForkedCall, ForkFailed, can_fork, cores
from ..qudt import Catalogue
from . import model as site_model

_FORMAT = 5
#: Things with an identity of their own: reads on them are noted one by one.
IDENTIFIED = (
    site_model.Claim,
    site_model.Source,
    site_model.Measurand,
    site_model.Step,
    site_model.Status,
    site_model.SiteModel,
)

#: Where a read is noted: the ``add`` of the page's set of reads while a page is made, else of a set
#: thrown away (reads between pages, as the reuse of a page makes them, are noted by nobody).
_idle: set = set()
_note = _idle.add


def _noting_getattribute(self, name, _get=object.__getattribute__):
    # on every attribute read of every identified thing while hooked (some 3 million at 10,000 claims): kept
    # as short as can be, a read noted as ``(thing, name)`` (dunder names are left out later, by
    # :func:`noted_fields`); the things are hashed by identity (their classes compare by identity)
    _note((self, name))
    return _get(self, name)


def _noting_model_getattribute(self, name, _get=object.__getattribute__, _id=id):
    # the site model compares by value, so it cannot be hashed: noted by id()
    _note((_id(self), name))
    return _get(self, name)


_hooked = False


def hook() -> None:
    """Note reads on the identified things from now on (in this process; idle while no page is made)."""
    global _hooked
    if not _hooked:
        for cls in IDENTIFIED:
            cls.__getattribute__ = _noting_model_getattribute if cls is site_model.SiteModel else _noting_getattribute
        _hooked = True


def unhook() -> None:
    global _hooked
    if _hooked:
        for cls in IDENTIFIED:
            del cls.__getattribute__
        _hooked = False


class Noting:
    """``with Noting() as reads:`` the reads made inside, as ``(thing, attribute)`` (``(id(thing), attribute)``
    for the site model)."""

    def __enter__(self) -> set:
        global _note
        reads: set = set()
        self.outer, _note = _note, reads.add
        return reads

    def __exit__(self, *exc) -> None:
        global _note
        _note = self.outer
        _idle.clear()


def noting() -> bool:
    """Whether reads are noted now (hooked, and a page is being made)."""
    return _hooked and _note.__self__ is not _idle


def note(reads) -> None:
    """Note ``reads`` (as a :class:`Noting` gave them) on the page being made, if one is: what was read to make
    a piece of markup the page takes from an earlier page."""
    page_reads = _note.__self__
    if page_reads is not _idle:
        page_reads.update(reads)


def identity(thing) -> str:
    if type(thing) is site_model.SiteModel:
        return "site"
    return f"{type(thing).__name__} {object.__getattribute__(thing, 'iri')}"


def _stand_in(cls: type):
    """How the describer pickles a thing of ``cls``: as its identity (see :func:`identity`)."""
    if cls is site_model.SiteModel:
        return lambda thing: (_identified, ("site",))
    name = cls.__name__ + " "
    return lambda thing, _get=object.__getattribute__: (_identified, (name + _get(thing, "iri"),))


def _declared_units(declared_units: dict, declared_kinds: dict) -> None:
    """Stands for a registry's units in a fingerprint (never called, as :func:`_identified`)."""


def _catalogue_stand_in(catalogue: Catalogue):
    """A registry's units (a claim's :attr:`~.model.Claim.catalogue`) as what a page depends on: the units and
    kinds the registry declares, not the units its catalogue happened to resolve so far (a cache that grows
    as pages are made, and would make every page that reads it look changed)."""
    return _declared_units, (catalogue.declared_units, catalogue.declared_kinds)


#: The describer's table: each identified class by the stand-in of its things.
_STAND_INS = {cls: _stand_in(cls) for cls in IDENTIFIED}
_STAND_INS[Catalogue] = _catalogue_stand_in


class _Describer(pickle.Pickler):
    """Pickles a value with every identified thing in it replaced by its identity (what is read on a thing
    is noted read by read). Without its memo (``fast``): an equal value gives the same bytes whether or
    not its parts are shared objects.

    (A ``dispatch_table`` by exact class rather than ``reducer_override``: the pickler asks the table itself,
    in C, and calls Python only for an identified thing, where it called ``reducer_override`` for every object
    not of a built-in type, a quantity, a quote or a finding too: some 190,000 calls a rebuild at 10,000
    claims. Fingerprints are compared only with those of the same code: see :func:`inputs_key`.)"""

    dispatch_table = _STAND_INS


def _identified(identity: str) -> str:
    """Stands for an identified thing in a fingerprint (never called: only its name is pickled, so that an
    identity never pickles as the string it is)."""
    return identity


class Fingerprints:
    """:func:`fingerprint` for many values, with one pickler and one buffer (making them cost as much as
    describing a small value)."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._describer: _Describer | None = None

    def __call__(self, value) -> bytes:
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        describer = self._describer
        if describer is None:
            describer = self._describer = _Describer(buffer, protocol=5)
            describer.fast = True
        try:
            describer.dump(value)
        except Exception:  # (RecursionError, PicklingError, TypeError…): a value never seen again
            self._describer = None  # (a pickler stopped midway is not used again)
            return os.urandom(16)
        return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


def fingerprint(value) -> bytes:
    """16 bytes saying what ``value`` is; a fresh random value for what cannot be described (never equal)."""
    return Fingerprints()(value)


def things(model) -> dict[str, object]:
    """Every identified thing of ``model`` by its identity."""
    out: dict[str, object] = {"site": model}
    for group in (model.claims, model.sources, model.measurands, model.steps, model.statuses):
        for thing in group:
            out[identity(thing)] = thing
    return out


_computed_names: dict[tuple[type, str], bool] = {}


def is_computed(thing, name: str) -> bool:
    """Whether ``name`` is worked out from other reads each time it is read (a property, a method): what it
    reads is noted read by read while the page is made, so its own answer need not be."""
    return _is_computed(type(thing), name)


def _is_computed(cls: type, name: str) -> bool:
    # asked for every read of every page (some 400,000 at 10,000 claims): the answer is the class's, kept
    found = _computed_names.get((cls, name))
    if found is None:
        found = _computed_names[cls, name] = isinstance(getattr(cls, name, None), (property, types.FunctionType))
    return found


def thing_fingerprint(thing, names, describe: Fingerprints | None = None) -> bytes:
    """One fingerprint of the fields ``names`` of ``thing`` (read as pages read them; a failing read as None);
    ``describe``: the :class:`Fingerprints` to make it with (one for many things)."""
    names = tuple(sorted(names))
    values: object = None
    if not _hooked:  # (hooked, a read would be noted: each is read as the object's own below)
        try:
            values = _fields_getter(names)(thing)
        except Exception:
            values = None
    if values is None:
        values = []
        for name in names:
            try:
                values.append(object.__getattribute__(thing, name))
            except Exception:
                values.append(None)
    elif len(names) == 1:
        values = [values]
    else:
        values = list(values)
    return (describe or Fingerprints())(values)


def compare_things(things_now: dict[str, object], recorded: dict[str, tuple]) -> tuple[set[str], dict[str, bytes]]:
    """For each thing of ``recorded`` (identity -> (fields, fingerprint)): ``(changed, kept)``, the identities
    of those whose fields now fingerprint otherwise (or that are gone), and the fingerprint of each of the
    others, as :func:`thing_fingerprint` gives it.

    (Once a rebuild, over every thing a page read: some 14,000 at 10,000 claims, most of them with one of a few
    sets of fields. So the things are taken set by set, each set's fields read with one getter and every
    thing described with one pickler and one buffer: some 10 % less than one :func:`thing_fingerprint` a thing;
    run by the child of :meth:`Plan.start_early`, else by the building process.)"""
    by_names: dict[tuple, list] = {}
    for key, (names, before) in recorded.items():
        found = by_names.get(names)
        if found is None:
            found = by_names[names] = []
        found.append((key, before))
    changed: set[str] = set()
    kept: dict[str, bytes] = {}
    describe = Fingerprints()
    get_thing = things_now.get
    for names, members in by_names.items():
        ordered = tuple(sorted(names))
        get = _fields_getter(ordered) if ordered else None
        single = len(ordered) == 1
        for key, before in members:
            thing = get_thing(key)
            if thing is None:
                changed.add(key)
                continue
            values: list | None = None
            if get is not None and not _hooked:
                try:
                    values = [get(thing)] if single else list(get(thing))
                except Exception:
                    values = None
            now = describe(values) if values is not None else thing_fingerprint(thing, ordered, describe)
            if now != before:
                changed.add(key)
            else:
                kept[key] = now
    return changed, kept


@functools.lru_cache(maxsize=4096)
def _fields_getter(names: tuple[str, ...]) -> operator.attrgetter:
    # the same few sets of fields, read on thing after thing (14,000 at 10,000 claims)
    return operator.attrgetter(*names)


# ------------------------------------------------------------------ what else a page depends on


@functools.lru_cache(maxsize=1)
def _package_digest() -> bytes:
    from .. import __version__

    h = hashlib.blake2b(f"claimgraph-pages-{_FORMAT}-{__version__}".encode(), digest_size=16)
    for name, path in file_io.package_files(
        (".py", ".j2", ".json", ".ttl", ".rq", ".yml", ".yaml", ".toml", ".css", ".js")
    ):
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("jinja2", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyoxigraph"):
        try:
            h.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.digest()


def inputs_key(registry, extra: bytes = b"") -> bytes:
    """One fingerprint of what every page depends on besides the model: claimgraph's code and templates, the
    libraries that render, the registry's settings and its ``site/`` and verification folders."""
    h = hashlib.blake2b(_package_digest(), digest_size=16)
    root = registry.root
    for folder in ("site", "verification"):
        if (root / folder).is_dir():
            for path in sorted((root / folder).rglob("*")):
                if path.is_file():
                    h.update(b"R" + path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    settings = root / "claimgraph.toml"
    if settings.is_file():
        h.update(b"S" + settings.read_bytes())
    h.update(extra)
    return h.digest()


def subject_inputs(index, thing, peers: list) -> bytes:
    """What :func:`page_inputs` gives for ``thing``'s own triples (``rdf_views.subject_rows(index, thing.iri)``)
    and ``peers``, read straight from the index, without the rows' tuples nor a blank node made for each one
    relabelled (asked for every framed page of a rebuild; the tests check both give the same)."""
    # the walk of rdf_views.subject_rows (breadth first, blank nodes labelled b0, b1… in the order met, each
    # subject's predicates in order), writing each row as page_inputs writes it
    from .page_literals import page_literals

    lines = [identity(thing)]
    add = lines.append
    out, blank, literal = index.out, ox.BlankNode, ox.Literal
    # the literals as the page writes them (a number as its file writes it: see rdf_views.subject_rows)
    forms = page_literals(index)
    form_of, form_made = forms.forms.get, forms.form
    labels: dict = {}
    todo: list = [ox.NamedNode(object.__getattribute__(thing, "iri"))]
    seen: set = set()
    for s in todo:
        if s in seen:
            continue
        seen.add(s)
        props = out.get(s)
        if not props:
            continue
        subject = labels[s] if type(s) is blank else str(s)
        for p, objects in sorted(props.items()):
            for o in objects:
                if subject is not None:  # (the subject's line where its first row begins)
                    add(subject)
                    subject = None
                kind = type(o)
                if kind is blank:
                    add(p)
                    todo.append(o)
                    found = labels.get(o)
                    if found is None:
                        found = labels[o] = f"_:b{len(labels)}"
                    add(found)
                elif kind is literal:
                    form = form_of(o) or form_made(o)
                    if type(form) is not literal:  # a literal some file writes otherwise: by statement
                        as_written = form[0].get((s, p))
                        if as_written is not None:
                            for w in as_written:  # (a row each, as page_inputs writes them)
                                add(p)
                                add(str(w))
                            continue
                        form = form[1]
                    add(p)
                    add(str(form))
                else:
                    add(p)
                    add(str(o))
    h = hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(repr([identity(p) for p in peers]).encode())
    return h.digest()


def page_inputs(thing, rows: list[tuple], peers: list) -> bytes:
    """The inputs of ``thing``'s page read outside the model's things: its own triples (as
    :func:`.rdf_views.subject_rows` gives them) and a measurand's chart peers."""
    # A line for each predicate (its IRI) and each object (in N-Triples: a literal's line breaks are escaped),
    # and one for a subject where its rows begin (the rows of a subject share its term): a subject's line starts
    # with "<" or "_:", a predicate's with the letters of its scheme, so the text says one thing only. (Asked for
    # every framed page of a rebuild: one term made text per row rather than three.)
    lines = [identity(thing)]
    add = lines.append
    subject = None
    for s, p, o in rows:
        if s is not subject:
            add(str(s))
            subject = s
        add(p)
        add(str(o))
    h = hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(repr([identity(p) for p in peers]).encode())
    return h.digest()


# ------------------------------------------------------------------ the record


def _record_file(out: Path) -> Path:
    return file_io.cache_dir() / file_io.cache_entry_for(out, "pages", ".marshal")


def site_stamp(site: Path, marker: str) -> tuple | None:
    try:
        st = (site / marker).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def load(out: Path, stamp: tuple | None, key: bytes) -> dict | None:
    """The record written with the site now at ``out`` (whose marker has ``stamp``), if made with ``key``."""
    data = read_record(_record_file(out), _FORMAT, stamp)
    return data if data is not None and data.get("key") == key else None


def read_record(path: Path, version: int, stamp: tuple | None) -> dict | None:
    """A build's record in the cache folder (marshalled data), if written in format ``version`` with the site whose
    marker has ``stamp``; None for a record missing, damaged or of another site (the build is only slower)."""
    if stamp is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != version or data.get("stamp") != stamp:
        return None
    return data


def save(out: Path, data: dict) -> None:
    """Write the record (whole or not at all); a record that cannot be written only makes the next build slower."""
    target = _record_file(out)
    data = dict(data, format=_FORMAT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        file_io.write_atomically(target, marshal.dumps(data))
    except (OSError, ValueError):
        pass


def forget(out: Path) -> None:
    try:
        _record_file(out).unlink()
    except OSError:
        pass


# ------------------------------------------------------------------ a build's use of the record


class Plan:
    """What the previous build left (``record``, or None) and what this one notes, for :mod:`.framed_pages`.

    The record: for each thing a page read (by identity), the fields its pages read and one fingerprint of
    them; for each page, the things it read, its other inputs and what taking it needs (its title and search
    text, the files beside it and their state, the links it checked). Before the pages are written, the
    building process works out which things changed (:meth:`prepare`) and takes from the previous site every
    page :meth:`reusable` allows; the pages made afresh return what they noted; then :meth:`finish` puts the
    new record together."""

    def __init__(self, record: dict | None):
        self.record = record
        self.changed: set[str] = set()  # identities of the things whose read fields changed (or are gone)
        self.prints_now: dict[str, bytes] = {}
        self.frames_now: dict[str, tuple] = {}
        self.things: dict[str, object] = {}
        self.by_thing: dict = {}
        #: For each kind's folder: whether its frame is the one the previous build wrote its pages into.
        self.same_frame: dict[str, bool] = {}
        #: For each kind's folder: whether its frame has the table of contents the previous one had (else no
        #: page of the folder is taken: each must have the ids the table of contents leads to).
        self.same_toc: dict[str, bool] = {}
        #: How many pages were taken from the previous site.
        self.reused = 0
        #: The comparison of the things and the pages' inputs under way in a forked child (:meth:`start_early`),
        #: and the inputs it gave, by page path.
        self._early: ForkedCall | None = None
        self._early_inputs: dict[str, bytes] = {}

    def start_early(self, model, pages: list[tuple[object, list]]) -> None:
        """Compare the recorded things with ``model``'s and work out the inputs of ``pages`` (each framed page's
        thing and its chart peers, as :func:`subject_inputs` takes them) in a forked child, on another core, while
        this process renders the rest of the Markdown pages; :meth:`prepare` and :meth:`inputs_of` take its
        answers. The same functions on the same objects as they would be here: the model is not changed once
        gathered, nor the peers once chosen (both are before the pages are rendered). Nothing is started without
        a record (no page is taken then), on one core or where forking is not safe: the work is done here."""
        if self.record is None or self._early is not None or cores() < 2 or not can_fork():
            return
        recorded = self.record["things"]

        def compare() -> tuple[list[str], dict[str, bytes], dict[str, bytes]]:
            changed, kept = compare_things(things(model), recorded)
            index = model.index
            inputs = {item.path: subject_inputs(index, item, peers) for item, peers in pages}
            return sorted(changed), kept, inputs

        try:
            self._early = ForkedCall(compare)
        except ForkFailed:  # no child to be had: prepare does the work
            self._early = None

    def _early_answers(self) -> tuple | None:
        call, self._early = self._early, None
        if call is None:
            return None
        try:
            return call.result()
        except ForkFailed:  # the child failed: the work is done here
            return None

    def stop(self) -> None:
        """End the child of :meth:`start_early` if its answers were not taken (the build failed, or the record
        it compared with is not the one the build uses)."""
        call, self._early = self._early, None
        if call is not None:
            call.close()

    def inputs_of(self, item, index, peers: list) -> bytes:
        """:func:`subject_inputs` of a framed page's thing, as the child of :meth:`start_early` gave it if it did."""
        found = self._early_inputs.get(item.path)
        return found if found is not None else subject_inputs(index, item, peers)

    def prepare(self, model, frames: dict[str, object]) -> None:
        early = self._early_answers()
        self.things = things(model)
        # a thing's identity and its class's names: what a page's reads are turned into (see noted_fields)
        self.by_thing = name_kinds(self.things)
        self.frames_now = {folder: (tuple(f.head), tuple(f.tail), tuple(f.toc)) for folder, f in frames.items()}
        if self.record is None:
            return
        # asked once a kind rather than once a page (a frame is some 40 kB of text)
        frames_then = self.record["frames"]
        self.same_frame = {folder: frames_then.get(folder) == now for folder, now in self.frames_now.items()}
        self.same_toc = {
            folder: folder in frames_then and frames_then[folder][2] == now[2]
            for folder, now in self.frames_now.items()
        }
        if early is not None:
            changed, self.prints_now, self._early_inputs = early
            self.changed = set(changed)
        else:
            self.changed, self.prints_now = compare_things(self.things, self.record["things"])

    def reusable(self, path: str, folder: str, inputs: bytes, known: set[str]) -> tuple | None:
        """The earlier record of the page at ``path`` if nothing it was made from changed and every file it
        links to (besides its own) is in ``known``, the files of the site; else None."""
        if self.record is None or not self.same_toc.get(folder):
            return None
        page = self.record["pages"].get(path)
        if page is None:
            return None
        read, inputs_then, _title, _text, _names, _anchored, targets, _state = page
        if inputs_then != inputs or not self.changed.isdisjoint(read) or not known.issuperset(targets):
            return None
        return page

    def finish(self, key: bytes, taken: dict[str, tuple], made: list[dict]) -> dict:
        """The record of this build. ``taken``: the pages taken from the previous site, by path, with their
        earlier record (and the state of their files now). ``made``: for each share of the pages made, its pages
        as ``(reads, inputs, title, text, names, anchored, targets, state)`` with reads as ``{identity: fields
        read}``."""
        earlier_things = self.record["things"] if self.record else {}
        pages = dict(taken)
        # A page taken read things that did not change: their fields and fingerprints stay as recorded...
        kept: set[str] = set()
        for page in taken.values():
            kept.update(page_things(page))
        record_things = {thing: earlier_things[thing] for thing in kept}
        # ...unless a page made afresh read more of them
        fields: dict[str, set] = {}
        for share_pages in made:
            for path, (reads, *rest) in share_pages.items():
                for thing, names in reads.items():
                    found = fields.get(thing)
                    if found is None:
                        fields[thing] = set(names)
                    else:
                        found.update(names)
                pages[path] = (tuple(sorted(reads)), *rest)
        describe = Fingerprints()
        for thing, names in fields.items():
            if thing in record_things:
                names.update(record_things[thing][0])
            names = tuple(sorted(names))
            before = earlier_things.get(thing)
            if before is not None and before[0] == names and thing in self.prints_now:
                record_things[thing] = (names, self.prints_now[thing])
            else:
                record_things[thing] = (names, thing_fingerprint(self.things[thing], names, describe))
        return {"key": key, "things": record_things, "pages": pages, "frames": self.frames_now}


def page_things(page: tuple) -> tuple:
    return page[0]


def files_written(record: dict | None) -> dict[str, tuple[int, int]]:
    """The size and modification time of every file of the framed pages of ``record`` (a page's own and those
    beside it) as this build left them, by path in the site (with ``os.sep``): for :func:`.unchanged.listing`."""
    out: dict[str, tuple[int, int]] = {}
    for path, page in (record or {}).get("pages", {}).items():
        state = page[-1]
        if state is None:
            continue
        folder = path.partition("/")[0]
        out[(path[:-3] + ".html").replace("/", os.sep)] = state[0]
        for name, found in zip(page[4], state[1:]):
            out[f"{folder}/{name}".replace("/", os.sep)] = found
    return out


def noted_fields(reads: set, by_thing: dict) -> dict[str, set] | None:
    """The reads ``(thing, name)`` of one page (see :class:`Noting`) as ``{identity: fields}`` (computed names
    left out: what they read is noted too), ``by_thing`` giving each listed thing's identity and the kinds of its
    class's names (:func:`_name_kind`), by the thing itself (by id() for the site model, as its reads are noted);
    None if the page read a thing the model does not list (it cannot be recorded)."""
    # (some 230 reads a page at 10,000 claims: one dict look-up for the thing, one for the name, no tuples made)
    out: dict[str, set] = {}
    for thing, name in reads:
        known = by_thing.get(thing)
        if known is None:
            if name[:2] == "__":
                continue
            return None
        key, kinds = known
        kind = kinds.get(name)
        if kind is None:
            kind = kinds[name] = _name_kind(kinds, name)
        if kind is _DUNDER:
            continue
        names = out.get(key)
        if names is None:
            names = out[key] = set()
        if kind is _FIELD:
            names.add(name)
    return out


#: What a read name is to :func:`noted_fields`: left out (a dunder name), a computed name (the thing was read,
#: the name is not recorded), a field (recorded).
_DUNDER, _COMPUTED, _FIELD = "dunder", "computed", "field"
_CLASS = object()  # the key under which a table of name kinds keeps its class


def _name_kind(kinds: dict, name: str) -> str:
    if name[:2] == "__":
        return _DUNDER
    return _COMPUTED if _is_computed(kinds[_CLASS], name) else _FIELD


def name_kinds(things: dict[str, object]) -> dict:
    """For :func:`noted_fields`: each thing of ``things`` (by identity) as ``(identity, kinds of its class's
    names)``, keyed by the thing itself (the site model by its id(): it compares by value, so cannot be hashed)."""
    tables: dict[type, dict] = {}
    out: dict = {}
    for key, thing in things.items():
        cls = type(thing)
        table = tables.get(cls)
        if table is None:
            table = tables[cls] = {_CLASS: cls}
        out[id(thing) if cls is site_model.SiteModel else thing] = (key, table)
    return out
