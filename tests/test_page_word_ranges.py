"""What new users found: page ranges written with a word ("págs. 1 a 3", "S. 12 bis 14", "pp. 12 to 14", "p. 12 à 14",
"pag. 3 a 5") named their first page only, so a quote found on a page inside the range got CG383; "and" and its
translations join two pages of a list, no range."""

from __future__ import annotations

import pytest

from claimgraph.sources.locate import locator_pages

from .made_registries import add_claim, add_paged_copy, findings, new_registry


@pytest.mark.parametrize(
    "locator, ranges",
    [
        ("pp. 12 to 14", (("12", "14"),)),  # English
        ("p. 12 à 14", (("12", "14"),)),  # French
        ("S. 12 bis 14", (("12", "14"),)),  # German
        ("Seiten 12 bis 14", (("12", "14"),)),
        ("págs. 1 a 3", (("1", "3"),)),  # Spanish
        ("páginas 1 al 3", (("1", "3"),)),
        ("pag. 3 a 5", (("3", "5"),)),  # Italian
        ("págs. 3 a 5", (("3", "5"),)),  # Portuguese
        ("blz. 3 tot 5", (("3", "5"),)),  # Dutch
        ("pp. S1 to S3", (("S1", "S3"),)),
        ("pp. 12 to 14 and 20", (("12", "14"), ("20", "20"))),
        ("S. 12 bis 14, Tabelle 2", (("12", "14"),)),
        # a list, no range
        ("p. 12 and 14", (("12", "12"), ("14", "14"))),
        ("S. 12 und 14", (("12", "12"), ("14", "14"))),
        ("págs. 1 y 3", (("1", "1"), ("3", "3"))),
        ("p. 12 et 14", (("12", "12"), ("14", "14"))),
        # a word that goes on to no page
        ("p. 12 à l'annexe", (("12", "12"),)),
        ("p. 12 to mid-page", (("12", "12"),)),
    ],
)
def test_a_page_range_in_words_names_every_page_of_it(locator, ranges):
    ref = locator_pages(locator)
    assert ref is not None and ref.ranges == ranges


def test_the_locator_as_written_keeps_the_range_in_words():
    ref = locator_pages("S. 12 bis 14, Tabelle 2")
    assert ref is not None and ref.text == "S. 12 bis 14"


PAGES = "First page: the yield.\fThe mean dose was 220 kg N/ha.\fThird page: the annex.\n"
IN_RANGE = ["pp. 1 to 3", "p. 1 à 3", "S. 1 bis 3", "págs. 1 a 3", "págs. 1 al 3", "pag. 1 a 3", "blz. 1 tot 3"]
NOT_IN_LIST = ["p. 1 and 3", "S. 1 und 3", "págs. 1 y 3", "p. 1 et 3"]


def test_a_quote_inside_a_range_in_words_is_on_the_page_its_locator_names(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_paged_copy(root, PAGES)
    for n, locator in enumerate(IN_RANGE + NOT_IN_LIST):
        add_claim(root, f"c{n}", "The mean dose was 220 kg N/ha.", "220", "KiloGM-PER-HA", kind="MassPerArea", quote="The mean dose was 220 kg N/ha.", locator=locator)  # fmt: skip
    said = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG383")}
    assert sorted(said, key=lambda c: int(c[1:])) == [f"c{n + len(IN_RANGE)}" for n in range(len(NOT_IN_LIST))]
    assert said[f"c{len(IN_RANGE) + 1}"].startswith("quote found in Doe2021 on p. 2, not on S. 1 und 3")
    assert not findings(root, "CG382", "CG380")  # every quote was found
