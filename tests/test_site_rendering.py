"""The shortcuts the framed pages take to render fast say what the slow ways said, and keep the sandbox shut."""

from __future__ import annotations

import html

from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest
from markupsafe import Markup

from claimgraph.registry import load
from claimgraph.site import rdf_views
from claimgraph.site.environment import PACKAGE_SITE_DIR, make_environment
from claimgraph.site.messages import Phrase
from claimgraph.site.model import gather

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_views_read_from_rows_say_what_the_triples_say():
    """A thing's triples carry their rows; a plain list of the same triples gives the same JSON-LD, prefixes
    and Turtle (the views fall back to reading the triples themselves)."""
    registry = load(FIXTURES / "valid")
    model = gather(registry, [])
    base = registry.settings.base
    table = rdf_views.prefixes(base)
    things = [*model.claims, *model.sources, *model.measurands]
    assert things
    for thing in things:
        triples = rdf_views.subject_triples(model.index, thing.iri)
        plain = list(triples)
        assert not hasattr(plain, "rows")
        used = rdf_views.used_prefixes(triples, base, table)
        assert used == rdf_views.used_prefixes(plain, base, table)
        assert rdf_views.jsonld(triples, base, table, used=used) == rdf_views.jsonld(plain, base, table, used=used)
        assert rdf_views.turtle(triples, base, table, used=used) == rdf_views.turtle(plain, base, table, used=used)


@pytest.fixture
def env():
    return make_environment([PACKAGE_SITE_DIR / "templates"], ("fr", "en"))


def test_printed_values_are_escaped_and_markup_passes(env):
    template = env.from_string("{% autoescape true %}{{ a }}|{{ b }}|{{ c }}{% endautoescape %}")
    assert template.render(a="<b>&", b=Markup("<i>x</i>"), c="two  spaces\nand a line") == (
        "&lt;b&gt;&amp;|<i>x</i>|two spaces and a line"
    )


def test_an_html_template_prints_each_value_as_finalize_then_autoescape_would():
    """An HTML template's ``{{ … }}`` are compiled as one call each; they print what a block whose escaping is
    switched on prints, which Jinja compiles its own way (finalize, then escape)."""
    env = make_environment(
        jinja2.DictLoader(
            {
                "page.html.j2": "{% for v in values %}{{ v }}|{% endfor %}",
                "switched.html.j2": "{% for v in values %}{% autoescape true %}{{ v }}{% endautoescape %}|{% endfor %}",
            }
        ),
        ("en",),
    )
    values = [
        "<b>&'\"",
        Markup("<i>x</i>"),
        "two  spaces\nand a line",
        "bell\x07",
        None,
        3.5,
        True,
        10**20,
        Phrase("x <y>"),
    ]
    printed = env.get_template("page.html.j2").render(values=values)
    assert printed == env.get_template("switched.html.j2").render(values=values)
    assert printed.startswith("&lt;b&gt;&amp;&#39;&#34;|<i>x</i>|two spaces and a line|")


def test_t_is_called_straight_in_loops_and_with_values(env):
    template = env.from_string('{% for n in [3] %}{{ t("slide {number}", number=n) }}·{{ t("Claim") }}{% endfor %}')
    assert template.render() == "diapositive 3·Affirmation"


def test_attributes_read_often_stay_checked(env):
    """Reading an attribute again takes a shortcut; a method such as str.format still goes through the sandbox."""
    template = env.from_string('{{ s.upper() }}{{ s.upper() }}{{ "{0.__class__.__mro__}".format(s) }}')
    with pytest.raises(jinja2.sandbox.SecurityError):
        template.render(s="x")
    template = env.from_string("{{ cycler.__init__ }}")
    with pytest.raises(jinja2.sandbox.SecurityError):
        template.render()


def test_t_fills_names_only_so_a_template_cannot_walk_out_through_its_words(env, monkeypatch):
    """``t``'s text is not a str.format string: ``{value.attribute}`` would reach the machine's environment."""
    monkeypatch.setenv("CLAIMGRAPH_SECRET_FOR_A_TEST", "do-not-print")
    walk = "{x.__init__.__globals__[os].environ[CLAIMGRAPH_SECRET_FOR_A_TEST]}"
    printed = env.from_string("{{ t(words, x=cycler) }}").render(words=walk)
    assert "do-not-print" not in printed
    assert html.unescape(printed) == walk  # printed as it stands (escaped for Markdown)
    filled = env.from_string("{{ t(words, n=2) }}").render(words="{{literal}} {n} {missing}")
    assert html.unescape(filled) == "{literal} 2 {missing}"
