"""Random edits a user makes to a registry between two builds, for the rebuild tests (text edits on the
registry's files: each one keeps the registry loadable in the common case, and a build that fails is compared
as a failure)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from claimgraph.site.environment import PACKAGE_SITE_DIR

UNITS = ["unit:MegaW-HR", "unit:KiloW-HR", "unit:GigaW-HR", "unit:TONNE", "unit:PERCENT"]
STATUSES = ["verifiedPrimary", "verifiedSecondary", "discrepancy", "unverified"]


def _files(root: Path, pattern: str) -> list[Path]:
    return sorted(root.glob(pattern))


def _replace_match(rng, root: Path, pattern: str, files: str, make) -> str | None:
    """Replace one random match of ``pattern`` (group 1) among ``files`` with ``make(match)``."""
    hits = []
    for path in _files(root, files):
        text = path.read_text(encoding="utf-8")
        hits += [(path, m) for m in re.finditer(pattern, text)]
    if not hits:
        return None
    path, m = rng.choice(hits)
    text = path.read_text(encoding="utf-8")
    new = make(m)
    path.write_text(text[: m.start(1)] + new + text[m.end(1) :], encoding="utf-8")
    return f"{path.relative_to(root)}: {m.group(1)[:40]!r} -> {new[:40]!r}"


def _names(root: Path, prefix: str) -> list[str]:
    found = set()
    for path in _files(root, "claims/*.ttl"):
        found |= set(re.findall(rf"^{prefix}:(\S+)\s*\n\s+a cg:", path.read_text(encoding="utf-8"), re.M))
    return sorted(found)


def _value(rng, root):
    return _replace_match(
        rng,
        root,
        r"qudt:numericValue (-?[\d.]+(?:[eE]-?\d+)?)",
        "claims/*.ttl",
        lambda m: rng.choice([str(rng.randint(1, 999)), f"{rng.randint(1, 99)}.5", m.group(1) + "0"]),
    )


def _unit(rng, root):
    return _replace_match(rng, root, r"qudt:unit (unit:[\w-]+)", "claims/*.ttl", lambda m: rng.choice(UNITS))


def _quote(rng, root):
    return _replace_match(
        rng,
        root,
        r'oa:exact "([^"\\]*)',
        "claims/*.ttl",
        lambda m: rng.choice(["Indeed, ", "", "x "]) + m.group(1)[rng.randint(0, 3) :],
    )


def _locator(rng, root):
    return _replace_match(
        rng,
        root,
        r'cg:locator "([^"\\]*)"',
        "claims/*.ttl",
        lambda m: rng.choice(["p. 7", "Table 2", m.group(1) + " (fn. 3)", "Abstract"]),
    )


def _status(rng, root):
    return _replace_match(rng, root, r"cg:status status:(\w+)", "claims/*.ttl", lambda m: rng.choice(STATUSES))


def _measurand(rng, root):
    names = _names(root, "measurand")
    if not names:
        return None
    return _replace_match(rng, root, r"cg:measurand measurand:([\w-]+)", "claims/*.ttl", lambda m: rng.choice(names))


def _measurand_label(rng, root):
    return _replace_match(
        rng,
        root,
        r'a cg:Measurand ;\s*rdfs:label "([^"\\]*)"',
        "claims/*.ttl",
        lambda m: m.group(1) + rng.choice([" (revised)", " of note", ""]),
    )


def _cites(rng, root):
    keys = sorted(
        {
            k
            for p in _files(root, "bib/*.bib")
            for k in re.findall(r"^@\w+\{([^,\s]+),", p.read_text(encoding="utf-8"), re.M)
        }
    )
    if not keys:
        return None
    return _replace_match(rng, root, r"cg:cites source:([\w.:-]+)", "claims/*.ttl", lambda m: rng.choice(keys))


def _claim_blocks(text: str) -> list[re.Match]:
    return list(re.finditer(r"^claim:(\S+)\s*\n\s+a cg:\w+ ;.*?\s\.\s*$", text, re.M | re.S))


def _remove_claim(rng, root):
    hits = [(p, m) for p in _files(root, "claims/*.ttl") for m in _claim_blocks(p.read_text(encoding="utf-8"))]
    if len(hits) < 3:
        return None
    path, m = rng.choice(hits)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: m.start()] + text[m.end() :], encoding="utf-8")
    return f"removed claim {m.group(1)}"


def _add_claim(rng, root):
    hits = [(p, m) for p in _files(root, "claims/*.ttl") for m in _claim_blocks(p.read_text(encoding="utf-8"))]
    if not hits:
        return None
    path, m = rng.choice(hits)
    name = m.group(1)
    new = f"{name}-copy{rng.randint(0, 999)}"
    block = m.group(0).replace(f"claim:{name}", f"claim:{new}", 1)
    block = re.sub(r"qudt:numericValue [\d.]+", f"qudt:numericValue {rng.randint(1, 999)}", block)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")
    return f"added claim {new} (copy of {name})"


def _bib_field(rng, root):
    field = rng.choice(["title", "year", "author", "doi"])
    if field == "year":
        return _replace_match(rng, root, r"year\s*=\s*\{(\d{4})\}", "bib/*.bib", lambda m: str(rng.randint(1990, 2025)))
    if field == "title":
        return _replace_match(
            rng, root, r"\btitle\s*=\s*\{([^{}]*)\}", "bib/*.bib", lambda m: m.group(1) + " revisited"
        )
    if field == "author":
        return _replace_match(
            rng, root, r"\bauthor\s*=\s*\{([^{}]*)\}", "bib/*.bib", lambda m: "Zed, Quinn and " + m.group(1)
        )
    return _replace_match(rng, root, r"\bdoi\s*=\s*\{([^{}]*)\}", "bib/*.bib", lambda m: m.group(1) + "x")


def _add_bib(rng, root):
    files = _files(root, "bib/*.bib")
    if not files:
        return None
    path = rng.choice(files)
    key = f"Fuzz{rng.randint(0, 9999)}"
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n@article{{{key},\n  author = {{Fuzz, Ann}},\n"
        f"  title = {{A study}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n",
        encoding="utf-8",
    )
    return f"added bib {key}"


def _remove_bib(rng, root):
    hits = [
        (p, m)
        for p in _files(root, "bib/*.bib")
        for m in re.finditer(r"^@\w+\{([^,\s]+),.*?^\}\s*$", p.read_text(encoding="utf-8"), re.M | re.S)
    ]
    if len(hits) < 2:
        return None
    path, m = rng.choice(hits)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: m.start()] + text[m.end() :], encoding="utf-8")
    return f"removed bib {m.group(1)}"


def _step(rng, root):
    if rng.random() < 0.5:
        return _replace_match(rng, root, r'cg:text "([^"\\]*)"', "claims/*.ttl", lambda m: m.group(1) + " Moreover.")
    return _replace_match(
        rng,
        root,
        r"cg:supportedBy ([^;.]*?)\s*[.;]\s*$",
        "claims/*.ttl",
        lambda m: (
            ", ".join(rng.sample(m.group(1).split(","), max(1, len(m.group(1).split(",")) - 1))).strip() or m.group(1)
        ),
    )


def _settings(rng, root):
    path = root / "claimgraph.toml"
    text = path.read_text(encoding="utf-8")
    langs = re.search(r"languages = \[([^\]]*)\]", text)
    if langs and "," in langs.group(1) and rng.random() < 0.5:
        items = [s.strip() for s in langs.group(1).split(",")]
        new = ", ".join(reversed(items))
        path.write_text(text[: langs.start(1)] + new + text[langs.end(1) :], encoding="utf-8")
        return f"languages {new}"
    return _replace_match(rng, root, r'^title = "([^"]*)"', "claimgraph.toml", lambda m: m.group(1) + " (edited)")


def _template(rng, root):
    folder = root / "site" / "templates"
    if folder.is_dir() and rng.random() < 0.4:
        shutil.rmtree(root / "site")
        return "removed site/templates"
    name = rng.choice(["claim.html.j2", "source.html.j2", "measurand.html.j2"])
    folder.mkdir(parents=True, exist_ok=True)
    text = (PACKAGE_SITE_DIR / "templates" / name).read_text(encoding="utf-8")
    mark = f"<p>Overridden {rng.randint(0, 99)}.</p>"
    text = text.replace("</h1>", "</h1>\n" + mark, 1) if "</h1>" in text else text + mark
    (folder / name).write_text(text, encoding="utf-8")
    return f"template {name} {mark}"


def _markdown_template(rng, root):
    """A reading page's template overridden (the pages MkDocs renders from Markdown)."""
    name = rng.choice(["step.md.j2", "argument.md.j2", "home.md.j2", "report.md.j2"])
    folder = root / "site" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    text = (PACKAGE_SITE_DIR / "templates" / name).read_text(encoding="utf-8")
    mark = f"Overridden {rng.randint(0, 99)}."
    (folder / name).write_text(text.rstrip("\n") + f"\n\n{mark}\n", encoding="utf-8")
    return f"template {name} {mark}"


def _verification_report(rng, root):
    """A verification report written or rewritten: a Markdown page of the registry's own, linking to another."""
    folder = root / "docs" / "verification"
    folder.mkdir(parents=True, exist_ok=True)
    name, other = rng.choice([("A", "B"), ("B", "A")])
    text = f"# Report {name}\n\nChecked {rng.randint(0, 99)} sources; see [report {other}]({other}.md).\n"
    (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return f"verification report {name}: {text[:40]!r}"


def _touch(rng, root):
    files = [p for p in sorted(root.rglob("*")) if p.is_file()]
    path = rng.choice(files)
    path.write_bytes(path.read_bytes())
    os.utime(path)
    return f"touched {path.relative_to(root)}"


def _saved_query(rng, root):
    folder = root / "queries"
    folder.mkdir(exist_ok=True)
    name = f"fuzz-{rng.randint(0, 99)}.rq"
    (folder / name).write_text(
        f"# title: Claims, listing {name}\nSELECT ?c WHERE {{ ?c a ?t }} LIMIT 3\n", encoding="utf-8"
    )
    return f"saved query {name}"


def _blank_node(rng, root):
    """A quote (a blank node) added to a claim, or one taken away."""
    if rng.random() < 0.5:
        return _replace_match(
            rng,
            root,
            r"(\n\s+cg:citedQuote \[[^\]\[]*\] ;)",
            "claims/*.ttl",
            lambda m: "",
        )
    return _replace_match(
        rng,
        root,
        r"\n(\s+)cg:status status:\w+",
        "claims/*.ttl",
        lambda m: f'{m.group(1)}cg:citedQuote [ oa:exact "Added quote {rng.randint(0, 99)}." ] ;\n{m.group(1)}',
    )


def _prefix(rng, root):
    """A prefix renamed in one file (the IRIs stay), or declared with its absolute IRI."""
    files = [p for p in _files(root, "claims/*.ttl") if re.search(r"^@prefix measurand: <", p.read_text("utf-8"), re.M)]
    if not files:
        return None
    path = rng.choice(files)
    text = path.read_text(encoding="utf-8")
    if rng.random() < 0.5:
        name = f"m{rng.randint(0, 99)}"
        path.write_text(re.sub(r"(?<![\w:/#-])measurand:", f"{name}:", text), encoding="utf-8")
        return f"{path.relative_to(root)}: prefix measurand: renamed {name}:"
    base = re.search(r'^base = "([^"]*)"', (root / "claimgraph.toml").read_text("utf-8"), re.M)
    if base is None:
        return None
    path.write_text(
        text.replace("@prefix measurand: <measurand/>", f"@prefix measurand: <{base.group(1)}measurand/>"),
        encoding="utf-8",
    )
    return f"{path.relative_to(root)}: prefix measurand: absolute"


def _move_claim(rng, root):
    """A claim's block moved into another file (its prefixes declared there)."""
    files = _files(root, "claims/*.ttl")
    hits = [(p, m) for p in files for m in _claim_blocks(p.read_text(encoding="utf-8"))]
    if len(files) < 2 or len(hits) < 3:
        return None
    path, m = rng.choice(hits)
    target = rng.choice([p for p in files if p != path])
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: m.start()] + text[m.end() :], encoding="utf-8")
    prefixes = "".join(line + "\n" for line in re.findall(r"^@prefix .*$", text, re.M))
    target.write_text(prefixes + target.read_text(encoding="utf-8") + "\n" + m.group(0) + "\n", encoding="utf-8")
    return f"moved claim {m.group(1)} from {path.name} to {target.name}"


def _claims_file(rng, root):
    """A claims file renamed, or removed (its claims gone)."""
    files = _files(root, "claims/*.ttl")
    if len(files) < 2:
        return None
    path = rng.choice(files)
    if rng.random() < 0.5:
        path.rename(path.with_name(f"renamed-{rng.randint(0, 99)}-{path.name}"))
        return f"renamed {path.name}"
    path.unlink()
    return f"removed {path.name}"


def _quantity_kind(rng, root):
    """A measurand's quantity kind changed: the values of claims in other files are normalised otherwise."""
    kinds = ["quantitykind:Energy", "quantitykind:Mass", "quantitykind:Power", "quantitykind:Time"]
    return _replace_match(rng, root, r"cg:quantityKind (quantitykind:\w+)", "claims/*.ttl", lambda m: rng.choice(kinds))


EDITS = {
    "value": _value,
    "unit": _unit,
    "quote": _quote,
    "locator": _locator,
    "status": _status,
    "measurand": _measurand,
    "measurand label": _measurand_label,
    "source reference": _cites,
    "remove claim": _remove_claim,
    "add claim": _add_claim,
    "bib field": _bib_field,
    "add bib": _add_bib,
    "remove bib": _remove_bib,
    "step": _step,
    "settings": _settings,
    "template": _template,
    "markdown template": _markdown_template,
    "verification report": _verification_report,
    "touch": _touch,
    "saved query": _saved_query,
    "blank node": _blank_node,
    "prefix": _prefix,
    "move claim": _move_claim,
    "claims file": _claims_file,
    "quantity kind": _quantity_kind,
}


def random_edit(rng, root: Path) -> str:
    """Apply one random edit to the registry at ``root``; what it did."""
    for _ in range(20):
        kind = rng.choice(sorted(EDITS))
        done = EDITS[kind](rng, root)
        if done is not None:
            return f"{kind}: {done}"
    return "nothing"
