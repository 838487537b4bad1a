"""Synthetic registries of realistic shape, for benchmarks.

``python benchmarks/synthetic.py N OUT_DIR`` writes a registry with N claims:
quantitative and qualitative claims in files of 200, measurands shared by a
few claims each (so conflicts and joins are exercised), quotes that state the
value (or, for a share of deliberate faults, do not), argument steps using
the claims, and one BibTeX entry per ten claims. About 2 % of claims carry a
fault: a missing unit, an unknown source key, a value absent from its quote.
Deterministic for a given N.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

#: The bundled registry's own saved query on training energy: a domain question, not one of the defaults
#: every registry gets; the benchmarks run it (and rdflib's engine on it), so the synthetic registry carries it.
DOMAIN_QUERY = Path(__file__).resolve().parent.parent / "queries" / "training-energy.rq"

PREFIXES = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix status: <https://w3id.org/claimgraph/status#> .
@prefix role: <https://w3id.org/claimgraph/role#> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix claim: <claim/> .
@prefix step: <step/> .
@prefix source: <source/> .
@prefix measurand: <measurand/> .
@prefix system: <system/> .

"""
STATUSES = ["verifiedPrimary", "verifiedPrimary", "verifiedSecondary", "discrepancy", "unverified"]


def generate(n: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed + n)
    (out / "claims").mkdir(parents=True, exist_ok=True)
    (out / "bib").mkdir(parents=True, exist_ok=True)
    (out / "claimgraph.toml").write_text(
        '[registry]\ntitle = "Synthetic registry"\nbase = "https://example.org/synthetic/"\nlanguages = ["fr", "en"]\nlicence = "CC-BY-4.0"\n',
        encoding="utf-8",
    )
    n_sources = max(2, n // 10)
    n_measurands = max(1, n // 4)
    bib = []
    for s in range(n_sources):
        bib.append(
            f"@article{{Src{s},\n  author = {{Author{s}, A. and Other, B.}},\n  title = {{Study number {s}}},\n"
            f"  journal = {{Journal of Synthetic Results}},\n  year = {{{2000 + s % 25}}},\n"
            f"  doi = {{10.5555/synthetic.{s}}},\n}}\n"
        )
    (out / "bib" / "sources.bib").write_text("\n".join(bib), encoding="utf-8")
    measurands = [PREFIXES]
    for m in range(n_measurands):
        measurands.append(
            f'system:s{m}\n    a cg:System ;\n    rdfs:label "System {m}" .\n\n'
            f'measurand:m{m}\n    a cg:Measurand ;\n    rdfs:label "energy of system {m}"@en , '
            f'"énergie du système {m}"@fr ;\n    cg:quantityKind quantitykind:Energy ;\n'
            f"    cg:about system:s{m} .\n"
        )
    (out / "claims" / "measurands.ttl").write_text("\n".join(measurands), encoding="utf-8")
    per_file = 200
    for f in range((n + per_file - 1) // per_file):
        chunk = [PREFIXES]
        for i in range(f * per_file, min(n, (f + 1) * per_file)):
            fault = rng.random() < 0.02
            kind = rng.choice(["unit", "key", "quote"]) if fault else None
            source = f"Src{i % n_sources}" if kind != "key" else f"Srcc{i % n_sources}"
            status = rng.choice(STATUSES)
            if i % 5 == 4:
                chunk.append(
                    f'claim:c{i}\n    a cg:Claim ;\n    cg:statement "Affirmation qualitative {i}."@fr , '
                    f'"Qualitative claim {i}."@en ;\n    cg:inTextCitation "Author{i % n_sources}, '
                    f'{2000 + (i % n_sources) % 25}" ;\n    cg:cites source:{source} ;\n'
                    f'    cg:status status:{status} ;\n    cg:statusNote "Checked in section {i % 9}."@en .\n'
                )
                continue
            # claims on one measurand agree, so conflicts come from deliberate faults only
            value = 100 + ((i % n_measurands) * 37) % 900
            if kind == "quote" and i % 2:
                value += 50  # disagrees with the other claims on its measurand too
            quoted = value if kind != "quote" else value * 3
            unit = " ; qudt:unit unit:MegaW-HR" if kind != "unit" else ""
            chunk.append(
                f"claim:c{i}\n    a cg:QuantitativeClaim ;\n"
                f'    cg:statement "Le système consomme {value} MWh."@fr , "The system uses {value} MWh."@en ;\n'
                f"    cg:measurand measurand:m{i % n_measurands} ;\n"
                f"    cg:value [ qudt:numericValue {value}{unit} ] ;\n"
                f'    cg:inTextCitation "Author{i % n_sources}, {2000 + (i % n_sources) % 25}" ;\n'
                f"    cg:cites source:{source} ;\n    cg:citedSourceRole role:primary ;\n"
                f'    cg:citedQuote [ oa:exact "The system used {quoted:,} MWh in total." ; cg:locator "p. {i % 30 + 1}" ] ;\n'
                f'    cg:status status:{status} ;\n    cg:statusNote "Read on page {i % 30 + 1}."@en .\n'
            )
        (out / "claims" / f"claims-{f:04d}.ttl").write_text("\n".join(chunk), encoding="utf-8")
    steps = [PREFIXES]
    n_steps = max(1, n // 50)
    for s in range(n_steps):
        used = " , ".join(f"claim:c{j}" for j in range(s * 50, min(n, s * 50 + 50), 7)) or "claim:c0"
        steps.append(
            f'step:s{s}\n    a cg:ArgumentStep ;\n    cg:order {s + 1} ;\n    rdfs:label "Étape {s}"@fr , '
            f'"Step {s}"@en ;\n    cg:text "Texte {s}."@fr , "Text {s}."@en ;\n'
            f"    cg:supportedBy {used} .\n"
        )
    (out / "claims" / "argument.ttl").write_text("\n".join(steps), encoding="utf-8")
    (out / "queries").mkdir(exist_ok=True)
    shutil.copyfile(DOMAIN_QUERY, out / "queries" / DOMAIN_QUERY.name)
    return out


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
