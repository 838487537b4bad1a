"""The Jinja2 sandbox every template of the site renders in, the registry's own overrides included."""

from __future__ import annotations

import types

import jinja2
import jinja2.compiler
import jinja2.runtime
import jinja2.sandbox
import markupsafe
from markupsafe import Markup

#: Modules whose objects a template may read and call the methods of: the data the pages are made
#: of and Jinja's own helpers (``loop``, ``cycler``, ``namespace``…), besides plain Python values.
#: Not pyoxigraph: its query results and store write files (``serialize(output=…)``, ``dump``).
_TEMPLATE_MODULES = (
    "claimgraph.model",
    "claimgraph.quantities",
    "claimgraph.site.model",
    "claimgraph.site.verdict",
    "claimgraph.site.verification",
    "claimgraph.site.about",
    "claimgraph.site.vocabulary",
    "claimgraph.site.sparql_pages",
    "claimgraph.sparql.saved",
    "claimgraph.findings",
    "jinja2.runtime",
    "jinja2.utils",
)
_PLAIN_VALUES = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, range)
#: In an allowed module, yet a way out: a Context names its environment; a class (``cycler`` is
#: one) leads to its module's globals and to constructors.
_NEVER_IN_TEMPLATES = (jinja2.runtime.Context, type)
#: Bound methods, by their exact types (neither can be subclassed): tested with ``type(value) in``, because an
#: isinstance() that fails reads ``__class__`` on the value, a read the page cache notes on the site's things.
_METHODS = frozenset({types.MethodType, types.BuiltinMethodType})


def _template_may_use(obj) -> bool:
    if isinstance(obj, _NEVER_IN_TEMPLATES):
        return False
    if isinstance(obj, _PLAIN_VALUES):
        return True
    module = type(obj).__module__ or ""
    return any(module == name or module.startswith(name + ".") for name in _TEMPLATE_MODULES)


try:  # the C function behind markupsafe.escape: a str in, the escaped str out
    escape_text = markupsafe._escape_inner
except AttributeError:  # (another version of markupsafe: the same text through its public function)

    def escape_text(text: str) -> str:
        return str(markupsafe.escape(text))


def escape_printed(value):
    """:func:`markupsafe.escape`, without the copy it makes of markup: ``{{ … }}`` escapes every value a
    page prints (some 1,700,000 at 10,000 claims), half of them markup from the filters, which passes as it is.
    Text comes out as the escaped ``str`` rather than :class:`Markup`: a compiled template only ever joins what
    its ``{{ … }}`` print (into the page, or into the markup of a block, a macro or a call), so making each
    piece a Markup first was work for nothing."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:
        return escape_text(value)
    return markupsafe.escape(value)


class _Template(jinja2.Template):
    """A template whose ``{{ … }}`` escape with :func:`escape_printed` (the same text, in less time)."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        # the compiled module's own name for the escaping function (``from jinja2.runtime import escape``)
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = escape_printed
        namespace[_PRINT_HTML] = environment.print_html
        return super()._from_namespace(environment, namespace, globals)


#: What a compiled HTML template calls for each ``{{ … }}`` (see :class:`_CodeGenerator`).
_PRINT_HTML = "cg_print_html"
#: How Jinja calls a finalize function that takes the evaluation context (a generator's own source text).
_FINALIZE_SOURCE = "environment.finalize(context.eval_ctx, "


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles each ``{{ value }}`` of an HTML template (autoescaped, not switched by an ``{% autoescape %}``
    block) as one call, ``cg_print_html(value)``: the environment's :attr:`~TemplateSandbox.print_html`,
    which prints it as ``escape(finalize(context.eval_ctx, value))`` would, without the two lookups and the
    call between them (a 10,000-claim site prints some 1,300,000 values). Anything else, or a Jinja whose
    generator works otherwise, compiles as Jinja compiles it."""

    def _prints_html(self, frame, finalize) -> bool:
        eval_ctx = frame.eval_ctx
        return (
            eval_ctx.autoescape is True
            and not eval_ctx.volatile
            and getattr(finalize, "src", None) == _FINALIZE_SOURCE
            and getattr(self.environment, "print_html", None) is not None
        )

    def _output_child_pre(self, node, frame, finalize) -> None:
        if self._prints_html(frame, finalize):
            self.write(_PRINT_HTML + "(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        if self._prints_html(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class TemplateSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The environment of every template, a registry's own overrides included.

    A registry's ``site/templates/*.j2`` may come from a pull request that CI builds, so a template
    must not be able to run code or touch the machine. Jinja's sandbox refuses ``_``-attributes
    (``cycler.__init__.__globals__.os``) and changing lists and dicts; on top of that, attributes and
    methods are only reachable on plain values and on the objects of the modules in
    ``_TEMPLATE_MODULES``. The data holds a few paths (``site.query_files``, ``query.path``), and
    ``Path.read_text`` or ``write_text`` would otherwise read ``/proc/self/environ`` into a page or
    write anywhere. A refused access raises :class:`jinja2.sandbox.SecurityError`, a
    ``TemplateError``, which the build reports as a template error with the template's file and line.
    A type newly given to templates must be added to ``_TEMPLATE_MODULES``.
    """

    template_class = _Template
    code_generator_class = _CodeGenerator
    #: Prints a value in an HTML template as its ``finalize`` then autoescaping would (see :class:`_CodeGenerator`):
    #: set by the maker of the environment, with the finalize function.
    print_html = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}
        self._usable_types: dict[type, bool] = {}
        self._direct_calls: dict[int, object] = {}

    def call_directly(self, function) -> None:
        """Let templates call ``function``, claimgraph's own code taking no Jinja context (the ``t``
        translator), without the per-call checks: a page calls ``t`` some thirty times."""
        self._direct_calls[id(function)] = function

    def getattr(self, obj, attribute: str):
        # the common case first: an attribute this type's objects were already found to have safely
        # (see is_safe_attribute), holding data rather than a method (``str.format`` is one: the sandbox
        # hands templates a checked copy of it), is read as it is
        if self._safe_attributes.get((type(obj), attribute)):
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if type(value) not in _METHODS:
                    return value
        return super().getattr(obj, attribute)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's names, so no argument clashes)
        if __self._direct_calls.get(id(__obj)) is __obj:
            if kwargs:
                kwargs.pop("_loop_vars", None)  # what Jinja adds for functions that take a context
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        # asked for every attribute a template reads (a 10,000-claim site reads some 200,000), and every
        # test behind the answer (here and in Jinja's sandbox) looks at the object's type and the name
        # only: the answer is kept per (type, name)
        key = (type(obj), attr)
        known = self._safe_attributes.get(key)
        if known is None:
            known = self._safe_attributes[key] = _template_may_use(obj) and super().is_safe_attribute(obj, attr, value)
        return known

    def is_safe_callable(self, obj) -> bool:
        owner = getattr(obj, "__self__", None)  # a bound method: the object it works on
        if owner is None:
            return super().is_safe_callable(obj)
        # whether a template may use an object is a question about its type only: the answer is kept per type
        usable = self._usable_types.get(type(owner))
        if usable is None:
            usable = self._usable_types[type(owner)] = _template_may_use(owner)
        return usable and super().is_safe_callable(obj)

    def unsafe_undefined(self, obj, attribute: str) -> jinja2.Undefined:
        return self.undefined(
            f"{attribute!r} of a {type(obj).__name__!r} object is out of a template's reach "
            "(templates are sandboxed: they may format the site's data, not run code)",
            obj=obj,
            name=attribute,
            exc=jinja2.sandbox.SecurityError,
        )
