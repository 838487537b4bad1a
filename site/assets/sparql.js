// claimgraph: SPARQL in the reader's browser, on the site's own data.
//
// The query page (sparql/query.html) holds <div id="cg-sparql" data-config="queries.json">;
// on any other page this module does nothing. The JSON file (written by
// claimgraph.site.sparql_pages) gives the saved queries, the registry's base IRI, the
// standard prefixes, the page of every IRI that has one, and where the engine and the
// data are, all relative to the JSON file itself. This module loads Oxigraph's
// WebAssembly build (copied from the npm package into assets/oxigraph/ when the site was
// built), the registry's TriG and the vocabulary's (statuses' notations and ranks) into an
// in-memory store, and runs the reader's queries
// on it, with the registry's named graphs seen as one default graph, as
// `claimgraph query` does. Nothing is fetched from anywhere but this site.
//
// Results are built with DOM APIs and textContent only: data never becomes markup, and
// the only links made are to this site's own pages (their paths come from the build).

const MAX_ROWS = 2000;
const JSON_RESULTS = "application/sparql-results+json";
// As claimgraph.sparql.run.MAX_QUERY_NESTING: Oxigraph parses recursively, and a query nested a few hundred
// levels deep overflows the WebAssembly stack ("memory access out of bounds"), which breaks the engine for
// every later query. The command line and the endpoint refuse the same queries with the same message.
const MAX_QUERY_NESTING = 128;
// As claimgraph.sparql.run: the verbs of SPARQL Update (refused in the site's language: its data is read-only),
// and the query forms.
const UPDATE_KEYWORDS = new Set(["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"]);
const QUERY_FORMS = new Set(["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]);

const container = document.getElementById("cg-sparql");
// The interface's words: the query page gives them in the site's language (data-words), English otherwise.
const WORDS = Object.assign({
  failed: "The query engine could not be loaded: {error}",
  ready: "Ready: {count} triples loaded. Pick a saved query or write your own, then Run.",
  refused: "{form}: only queries are run here (SELECT, ASK, CONSTRUCT, DESCRIBE); the data of this site is read-only",
  yes: "The answer is yes ({ms} ms).",
  no: "The answer is no ({ms} ms).",
  triple: "{count} triple", triples: "{count} triples", row: "{count} row", rows: "{count} rows",
  timing: "{count} in {ms} ms.", timing_cut: "{count} in {ms} ms, the first {shown} shown.",
  link: "Link to this query",
  download: "Download the {count} row as CSV", downloads: "Download the {count} rows as CSV",
  download_triple: "Download the {count} triple as CSV", download_triples: "Download the {count} triples as CSV",
  restarted: "{error} (the query engine failed and was started again: the next query runs on a fresh copy of the data)",
}, container ? JSON.parse(container.dataset.words || "{}") : {});

function say(key, values = {}) {
  return WORDS[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

if (container) {
  start(container).catch((error) => {
    container.dataset.state = "failed";
    status(container, say("failed", { error: messageOf(error) }), true);
  });
}

// The query the page opens with: the quantitative claims, their statements in the registry's first language
// (the build gives it; a statement in another language, or a registry in French only, would show no row).
function defaultQuery(language) {
  const tag = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(language || "") ? language : "en";
  return "SELECT ?claim ?statement\nWHERE {\n  ?claim a cg:QuantitativeClaim ;\n"
    + "         cg:statement ?statement .\n  FILTER(langMatches(lang(?statement), \"" + tag + "\"))\n}\nLIMIT 20\n";
}

// A store holding the site's data, in an instance of the engine of its own: `instance` above 0 imports the
// engine's module again under another URL, which gives a fresh WebAssembly instance (after a trap, the old
// one's memory is left in a state no new Store survives).
async function openStore(config, at, instance) {
  const engineUrl = at(config.engine);
  if (instance > 0) engineUrl.searchParams.set("instance", String(instance));
  const oxigraph = await import(engineUrl.href);
  await oxigraph.default({ module_or_path: at(config.wasm) });
  const store = new oxigraph.Store();
  // an empty store of the same instance, on which a text is parsed to find where a syntax error starts
  store.probe = new oxigraph.Store();
  // the registry's graphs and the vocabulary's: a query reads statuses' notations and ranks from the latter
  for (const file of config.data) {
    const data = await (await fetchOk(at(file))).text();
    store.load(data, { format: config.format, base_iri: config.base });
  }
  return store;
}

async function start(root) {
  root.dataset.state = "loading";
  const configUrl = new URL(root.dataset.config, document.baseURI);
  const config = await (await fetchOk(configUrl)).json();
  const at = (path) => new URL(path, configUrl);
  const store = await openStore(config, at, 0);

  const engine = {
    store,
    config,
    instances: 1,
    reopen: async () => {
      engine.store = null;  // (the broken instance is let go before the new one takes its memory)
      engine.store = await openStore(config, at, engine.instances);
      engine.instances += 1;
    },
    siteRoot: at(config.root),
    // One line, so that positions in error messages are the reader's line minus one.
    prologue: Object.entries(config.prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join(" ") + "\n",
  };

  const form = root.querySelector("form");
  const select = form.elements.saved;
  const textarea = form.elements.query;
  const output = root.querySelector(".cg-sparql-results");
  const saved = new Map(config.queries.map((q) => [q.name, q]));
  for (const q of config.queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title;
    if (q.lang) option.lang = q.lang;  // a title claimgraph ships, English on a site in another language
    select.append(option);
  }
  const pick = (name) => {
    const query = saved.get(name);
    if (query) {
      select.value = name;
      textarea.value = query.text;
    }
  };
  select.addEventListener("change", () => pick(select.value));
  textarea.addEventListener("input", () => {
    const query = saved.get(select.value);
    if (query && textarea.value !== query.text) select.value = "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (engine.store !== null) run(engine, textarea.value, output, root);  // (null: being started again)
  });

  const params = new URLSearchParams(window.location.search);
  const asked = params.get("saved");
  if (asked && saved.has(asked)) pick(asked);
  else if (params.get("query")) textarea.value = params.get("query");  // a shared link to any query
  else textarea.value = defaultQuery(config.language);

  form.hidden = false;
  status(root, say("ready", { count: store.size }));
  root.dataset.state = "ready";
}

function run(engine, text, output, root) {
  output.replaceChildren();
  root.dataset.state = "running";
  const form = queryForm(text);
  if (UPDATE_KEYWORDS.has(form) && nestingError(text) === null) {
    fail(root, output, say("refused", { form }));
    return;
  }
  // what the command line and the endpoint refuse before parsing, refused here with their words
  const refusal = refusalOf(text);
  if (refusal !== null) {
    fail(root, output, rendered(refusal), true);
    return;
  }
  const graph = form === "CONSTRUCT" || form === "DESCRIBE";
  const options = { base_iri: engine.config.base, use_default_graph_as_union: true };
  if (!graph) options.results_format = JSON_RESULTS;
  const started = performance.now();
  let result;
  try {
    result = engine.store.query(engine.prologue + text, options);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      restart(engine, root, output, error);
      return;
    }
    const parses = (candidate) => {
      try {
        engine.store.probe.query(engine.prologue + candidate, { base_iri: engine.config.base });
        return true;
      } catch (failure) {
        if (failure instanceof WebAssembly.RuntimeError) throw failure;
        return false;
      }
    };
    let shown;
    try {
      shown = rendered(syntaxError(messageOf(error), text, engine.config, parses));
    } catch (failure) {
      if (!(failure instanceof WebAssembly.RuntimeError)) throw failure;
      restart(engine, root, output, failure);
      return;
    }
    fail(root, output, shown, true);
    return;
  }
  const ms = Math.round(performance.now() - started);
  shareLink(output, text);
  if (graph) {
    // a graph is a set: a triple the template makes for several solutions is shown (and counted) once
    const seen = new Set();
    const rows = [];
    for (const quad of result) {
      const key = [quad.subject, quad.predicate, quad.object].map(termKey).join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([quad.subject, quad.predicate, quad.object].map(termOf));
    }
    rows.sort((a, b) => compareRows(a, b));  // a graph has no order: as the build-time tables sort it
    table(engine, output, ["subject", "predicate", "object"], rows, "triple", ms);
  } else {
    const json = JSON.parse(result);
    if (typeof json.boolean === "boolean") {
      summary(output, say(json.boolean ? "yes" : "no", { ms }));
    } else {
      const vars = json.head.vars || [];
      const rows = json.results.bindings.map((binding) => vars.map((v) => binding[v] || null));
      table(engine, output, vars.map((v) => `?${v}`), rows, "row", ms);
    }
  }
  root.dataset.state = "done";
}

// A trap of the engine (a stack overflow the nesting guard did not foresee, a panic) leaves its WebAssembly
// instance broken for every later query: say what happened, and start a fresh instance on the same data.
function restart(engine, root, output, error) {
  root.dataset.state = "restarting";
  engine.reopen().then(
    () => fail(root, output, say("restarted", { error: messageOf(error) })),
    (failure) => {
      status(root, say("failed", { error: messageOf(failure) }), true);
      fail(root, output, say("failed", { error: messageOf(failure) }));
    },
  );
}

// ------------------------------------------------------------------ rendering

// noun: "row" (a SELECT's answers) or "triple" (a CONSTRUCT's or DESCRIBE's graph), in the count and the download link alike
function table(engine, output, header, rows, noun, ms) {
  const shown = rows.slice(0, MAX_ROWS);
  const count = say(rows.length === 1 ? noun : `${noun}s`, { count: rows.length });
  summary(output, say(shown.length < rows.length ? "timing_cut" : "timing", { count, ms, shown: shown.length }));
  if (!rows.length) return;
  downloadLink(output, header, rows, noun);
  // the theme's own wrappers, so the table looks like the build-time ones
  const wrapper = document.createElement("div");
  wrapper.className = "md-typeset__scrollwrap";
  const inner = document.createElement("div");
  inner.className = "md-typeset__table";
  const tableEl = document.createElement("table");
  const head = tableEl.createTHead().insertRow();
  for (const name of header) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  const body = tableEl.createTBody();
  for (const row of shown) {
    const tr = body.insertRow();
    for (const term of row) {
      const cell = tr.insertCell();
      cell.append(cellContent(engine, term));
      markLanguage(cell, term);
    }
  }
  inner.append(tableEl);
  wrapper.append(inner);
  output.append(wrapper);
}

function cellContent(engine, term) {
  if (term === null || term === undefined) return document.createTextNode("");
  if (term.type === "uri") {
    const text = compactIri(engine.config, term.value);
    const page = Object.prototype.hasOwnProperty.call(engine.config.pages, term.value)
      ? engine.config.pages[term.value] : null;
    if (page) {
      const a = document.createElement("a");
      a.href = new URL(page, engine.siteRoot).href;
      a.textContent = text;
      return a;
    }
    return document.createTextNode(text);
  }
  if (term.type === "bnode") return document.createTextNode(`_:${term.value}`);
  if (term.type === "literal" || term.type === "typed-literal") {
    return document.createTextNode(String(term.value).split(/\s+/).filter(Boolean).join(" "));
  }
  return document.createTextNode(JSON.stringify(term.value));
}

// Languages written right to left, as claimgraph.site.environment lists them (the site's own pages alike).
// A script subtag says otherwise (az-Arab is right to left, ku-Latn not).
function rightToLeft(lang) {
  const script = /^[a-z]+-([a-z]{4})(-|$)/i.exec(lang);
  if (script) return /^(arab|hebr|syrc|thaa|nkoo|adlm|rohg)$/i.test(script[1]);
  return /^(ar|arc|ckb|dv|fa|he|iw|ks|ku|ps|sd|syr|ug|ur|yi)(-|$)/i.test(lang);
}

// A cell holding a language-tagged literal is marked with its language (a screen reader reads a French
// statement as French on an English page), and its direction when that is right to left.
function markLanguage(cell, term) {
  const lang = term && term["xml:lang"];
  if (!lang || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) return;
  cell.lang = lang;
  if (rightToLeft(lang)) cell.dir = "rtl";
}

// An RDF/JS term told apart from every other: its kind, value, datatype and language.
function termKey(term) {
  return JSON.stringify([term.termType, term.value, term.datatype ? term.datatype.value : "", term.language || ""]);
}

// An RDF/JS term (CONSTRUCT results) in the shape of a SPARQL JSON results term.
function termOf(term) {
  switch (term.termType) {
    case "NamedNode": return { type: "uri", value: term.value };
    case "BlankNode": return { type: "bnode", value: term.value };
    case "Literal": return {
      type: "literal", value: term.value, datatype: term.datatype && term.datatype.value,
      ...(term.language ? { "xml:lang": term.language } : {}),
    };
    default: return { type: "other", value: String(term) };
  }
}

// As the site's build-time tables write them: relative to the registry base, else a prefixed name.
function compactIri(config, iri) {
  if (config.base && iri.startsWith(config.base) && iri.length > config.base.length) {
    return iri.slice(config.base.length);
  }
  let best = null;
  for (const [prefix, ns] of Object.entries(config.prefixes)) {
    if (iri.startsWith(ns) && (best === null || ns.length > best[1].length)) best = [prefix, ns];
  }
  if (best) {
    const local = iri.slice(best[1].length);
    if (/^[\p{L}\p{N}_.-]+$/u.test(local) && !local.endsWith(".")) return `${best[0]}:${local}`;
  }
  return iri;
}

function compareRows(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i].value !== b[i].value) return a[i].value < b[i].value ? -1 : 1;
  }
  return 0;
}

// A link to this page that opens with the query just run: for a colleague, or a bookmark.
function shareLink(output, text) {
  const url = new URL(window.location.href);
  url.search = "";
  url.hash = "";
  url.searchParams.set("query", text);
  const p = document.createElement("p");
  p.className = "cg-sparql-share";
  const a = document.createElement("a");
  a.href = url.href;
  a.textContent = say("link");
  p.append(a);
  output.append(p);
}

// Every row (not only those shown) as CSV, in the SPARQL 1.1 results CSV form: values without types.
// Datatypes whose values a spreadsheet reads as numbers (-5, -1.2E3), never as formulas.
const NUMERIC = new Set(
  ("integer decimal double float long int short byte nonNegativeInteger nonPositiveInteger negativeInteger " +
   "positiveInteger unsignedLong unsignedInt unsignedShort unsignedByte")
    .split(" ").map((name) => `http://www.w3.org/2001/XMLSchema#${name}`));

function downloadLink(output, header, rows, noun) {
  const cell = (term) => {
    let value = term === null || term === undefined ? "" : term.type === "bnode" ? `_:${term.value}` : String(term.value);
    // text a spreadsheet would run as a formula gets a leading apostrophe, as in the build-time downloads
    const number = term && term.type === "literal" && NUMERIC.has(term.datatype);
    if (!number && term && term.type !== "bnode" && /^[=+\-@\t\r]/.test(value)) value = `'${value}`;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const lines = [header.map((name) => name.replace(/^\?/, "")).join(",")]
    .concat(rows.map((row) => row.map(cell).join(",")));
  const blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "query-results.csv";
  const words = noun === "triple" ? ["download_triple", "download_triples"] : ["download", "downloads"];
  a.textContent = say(words[rows.length === 1 ? 0 : 1], { count: rows.length });
  a.className = "cg-sparql-download";
  const p = document.createElement("p");
  p.append(a);
  output.append(p);
}

function summary(output, text) {
  const p = document.createElement("p");
  p.className = "cg-sparql-summary";
  p.textContent = text;
  output.append(p);
}

// english: the text is the command line's words (claimgraph.sparql.run's), in English whatever the page's
// language: marked as English on a page in another, for a screen reader to read it as such
function fail(root, output, text, english = false) {
  const p = document.createElement("p");
  p.className = "cg-sparql-error";
  if (english && !/^en(-|$)/i.test(document.documentElement.lang || "en")) p.lang = "en";
  p.setAttribute("role", "alert");
  text.split("\n").forEach((line, index) => {  // (a hint goes on a line of its own)
    if (index > 0) p.append(document.createElement("br"));
    p.append(document.createTextNode(line));
  });
  output.append(p);
  root.dataset.state = "error";
}

function status(root, text, error = false) {
  const p = root.querySelector(".cg-sparql-status");
  p.textContent = text;
  p.classList.toggle("cg-sparql-error", error);
}

// ------------------------------------------------------------------ helpers

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response;
}

function messageOf(error) {
  return error && error.message ? error.message : String(error);
}

// ------------------------------------------------------------------ reading the query, as the command line does

// The tokens of a SPARQL text, as claimgraph.lexing reads them (the same terminals, in the same order): a
// string holding "{", an IRI holding "#" or a prefixed name such as ex:from never counts as syntax.
const NAME_CLASSES = {
  base: String.raw`[^\s\x00-\x40\[-\x60{-\x7f]`,
  name: String.raw`[^\s\x00-\x2c./:-@\[-\^\x60{-\x7f]`,
  nameOrColon: String.raw`[^\s\x00-\x2c./;-@\[-\^\x60{-\x7f]`,
  startOrDigit: String.raw`[^\s\x00-\x2f:-@\[-\^\x60{-\x7f]`,
};
const LOCAL_ESCAPE = String.raw`%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]`;
const PREFIX_NAME = `${NAME_CLASSES.base}${NAME_CLASSES.name}*(?:\\.+${NAME_CLASSES.name}+)*`;
const LOCAL_NAME = `(?:${NAME_CLASSES.startOrDigit}|:|${LOCAL_ESCAPE})${NAME_CLASSES.nameOrColon}*`
  + `(?:(?:${LOCAL_ESCAPE}|\\.+(?=${NAME_CLASSES.nameOrColon}|${LOCAL_ESCAPE}))${NAME_CLASSES.nameOrColon}*)*`;
const IRI_CHARS = String.raw`[^<>"{}|^\x60\\\x00-\x20]`;
const EXPONENT = "[eE][+-]?[0-9]+";
const TOKEN = new RegExp(String.raw`\s*(?:(?<separator>[;,])`
  + `|(?<pname>(?:${PREFIX_NAME})?:(?:${LOCAL_NAME})?)`
  + String.raw`|(?<dot>\.(?![0-9]))|(?<close>[\])}])|(?<open>[\[(]|\{(?!\|))`
  + String.raw`|(?<string>"(?!"")[^"\\\n]*(?:\\.[^"\\\n]*)*"?|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\\?$)`
  + String.raw`|'(?!'')[^'\\\n]*(?:\\.[^'\\\n]*)*'?|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\\?$))`
  + String.raw`|(?<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)`
  + `|(?<iri><${IRI_CHARS}*(?:\\\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})${IRI_CHARS}*)*>)`
  + `|(?<bnode>_:${NAME_CLASSES.startOrDigit}${NAME_CLASSES.name}*(?:\\.+${NAME_CLASSES.name}+)*)`
  + String.raw`|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<comment>#[^\n]*)`
  + `|(?<number>[+-]?(?:[0-9]+\\.[0-9]*${EXPONENT}|\\.[0-9]+(?:${EXPONENT})?|[0-9]+(?:\\.[0-9]+)?(?:${EXPONENT})?))`
  + `|(?<var>[?$]${NAME_CLASSES.startOrDigit}+)`
  + String.raw`|(?<datatype>\^\^)|(?<operator><<|>>|\{\||\|\}|&&|\|\||[<>!]=|[~!=<>+\-*/|^?])|(?<other>\S))`, "gs");

// [{kind, start, end}] of text.slice(from, to), offsets in text.
function tokens(text, from = 0, to = text.length) {
  const part = text.slice(from, to);
  const out = [];
  TOKEN.lastIndex = 0;
  let match;
  while ((match = TOKEN.exec(part)) !== null) {
    const kind = Object.keys(match.groups).find((name) => match.groups[name] !== undefined);
    const end = TOKEN.lastIndex;
    out.push({ kind, start: from + end - match.groups[kind].length, end: from + end });
  }
  return out;
}

// Line and column (both from 1, the column in characters) of an offset.
function position(text, offset) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: [...before.slice(lineStart)].length + 1 };
}

// An error as claimgraph.sparql.run.QueryError gives it: {code, message, line, column, hint}.
function queryError(code, message, text, offset, hint) {
  return { code, message, ...(offset === null ? {} : position(text, offset)), hint };
}

// As the endpoint writes an error's body: "CG401 error: line 5, column 3: …", the hint on a line of its own.
function rendered(error) {
  const where = error.line ? `line ${error.line}, column ${error.column || 1}: ` : "";
  return `${error.code} error: ${where}${error.message}` + (error.hint ? `\nhint: ${error.hint}` : "");
}

// The tokens that open or close a level, and "!" (which nests as deep as "!(" in Oxigraph's parser); what
// reads as an IRI is read inside too: `?a<((1))>?b` is an IRI to the lexer but comparisons to Oxigraph.
function nestingTokens(text, from = 0, to = text.length) {
  const out = [];
  for (const token of tokens(text, from, to)) {
    if (token.kind === "iri" && /[([{!]/.test(text.slice(token.start, token.end))) {
      out.push(...nestingTokens(text, token.start + 1, token.end - 1));
    } else {
      out.push(token);
    }
  }
  return out;
}

// As claimgraph.sparql.run.nesting_error: the level that goes past MAX_QUERY_NESTING, or null.
function nestingError(text) {
  let depth = 0;
  let bangs = 0;
  for (const token of nestingTokens(text)) {
    let offset = null;
    if (token.kind === "operator" && text.slice(token.start, token.end) === "!") {
      bangs += 1;
      if (depth + bangs > MAX_QUERY_NESTING) offset = token.start;
    } else {
      bangs = 0;
      if (token.kind === "open") {
        depth += 1;
        if (depth > MAX_QUERY_NESTING) offset = token.start;
      } else if (token.kind === "close") {
        depth = Math.max(0, depth - 1);
      }
    }
    if (offset !== null) {
      return queryError("CG401",
        `query nested more than ${MAX_QUERY_NESTING} levels deep (parentheses, brackets, braces): `
        + "refused before parsing, since the SPARQL parser would run out of stack",
        text, offset, "flatten the query: fewer nested groups, sub-queries or parentheses");
    }
  }
  return null;
}

// Bare words outside comments, strings, IRIs, variables and prefixed names, upper-cased, with their offsets.
function keywords(text) {
  return tokens(text).filter((t) => t.kind === "word")
    .map((t) => ({ word: text.slice(t.start, t.end).toUpperCase(), start: t.start }));
}

// The first keyword after the prologue (SELECT, ASK, …, or an update verb), as
// claimgraph.sparql.run.query_form finds it.
function queryForm(text) {
  const first = keywords(text).find((k) => k.word !== "PREFIX" && k.word !== "BASE");
  return first ? first.word : null;
}

// What claimgraph.sparql.run.check_query refuses besides updates (the page refuses those in the site's
// language): too deep a nesting, SERVICE, FROM and FROM NAMED, a text that is no query; null for a query to run.
function refusalOf(text) {
  const tooDeep = nestingError(text);
  if (tooDeep !== null) return tooDeep;
  const words = keywords(text);
  for (const { word, start } of words) {
    if (word === "SERVICE") {
      return queryError("CG403", "SERVICE refused: claimgraph never sends a query to another endpoint", text, start,
        "query the other endpoint yourself, or add its data to the registry");
    }
    if (word === "FROM") {
      // (the page queries the registry's graphs as one union graph: a FROM would be ignored, not obeyed)
      return queryError("CG404",
        "FROM / FROM NAMED refused: the registry is queried as one union graph and claimgraph never fetches "
        + "remote graphs", text, start,
        "remove the FROM clause; use GRAPH <iri> { … } to pick one of the registry's graphs");
    }
  }
  const first = words.find((k) => k.word !== "PREFIX" && k.word !== "BASE");
  if (first === undefined || !QUERY_FORMS.has(first.word)) {
    return queryError("CG401", "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", text,
      first === undefined ? 0 : first.start);
  }
  return null;
}

// Prefixes used and never declared (nor standard), each at its first use: as
// claimgraph.sparql.run.undeclared_prefixes.
function undeclaredPrefixes(text, known) {
  const declared = new Set(known);
  const used = [];
  let afterPrefix = false;
  for (const token of tokens(text)) {
    if (token.kind === "pname") {
      const name = text.slice(token.start, token.end).split(":")[0];
      if (afterPrefix) declared.add(name);
      else used.push([name, token.start]);
    }
    afterPrefix = token.kind === "word" && text.slice(token.start, token.end).toUpperCase() === "PREFIX";
  }
  const found = new Map();
  for (const [name, offset] of used) {
    if (!declared.has(name) && !found.has(name)) found.set(name, offset);
  }
  return found;
}

// Oxigraph's "error at LINE:COLUMN: expected …" (LINE counting the one-line prologue of prefixes) as
// claimgraph.sparql.run.syntax_error words it: an undeclared prefix named at its first use; a position
// Oxigraph gives at the very end of the query (where its parser gave up, after backtracking) moved to
// the start of the part that does not parse (partThatFails), else called the end of the query; the list
// of what was expected shortened.
function syntaxError(raw, text, config, parses) {
  const known = Object.keys(config.prefixes);
  const undeclared = undeclaredPrefixes(text, known);
  if (undeclared.size > 0) {
    const names = [...undeclared.keys()];
    const plural = names.length > 1;
    return queryError("CG401", `undeclared prefix${plural ? "es" : ""} ${names.map((n) => `${n}:`).join(", ")}`,
      text, undeclared.get(names[0]),
      `declare ${plural ? "them" : "it"}: PREFIX ${names[0]}: <namespace IRI>`
      + (known.length ? `, or use a standard prefix (${[...known].sort().map((p) => `${p}:`).join(", ")})` : ""));
  }
  const match = /^(?:Error: )?error at (\d+):(\d+):\s*([\s\S]*)$/.exec(raw.trim());
  if (!match) return { code: "CG401", message: `SPARQL syntax error: ${shorten(raw)}` };
  const line = Number(match[1]) - 1;
  const column = Number(match[2]);
  let detail = match[3];
  if (line < 1) return { code: "CG401", message: `SPARQL syntax error: ${shorten(detail)}` };
  if (atEnd(text, line, column)) {
    const part = partThatFails(text, parses);
    if (part !== null) {
      const found = text.slice(part.start, part.end).slice(0, 30);
      return queryError("CG401", `SPARQL syntax error in the part that starts here (found '${found}')`,
        text, part.start);
    }
    if (text.trim()) {
      detail = `unexpected end of query: ${detail}`;
      return queryError("CG401", `SPARQL syntax error: ${shorten(detail)}`, text, text.trimEnd().length);
    }
  }
  return { code: "CG401", message: `SPARQL syntax error: ${shorten(detail)}`, line, column };
}

function atEnd(text, line, column) {
  const lines = text.split("\n");
  if (line > lines.length) return true;
  const rest = [...lines[line - 1]].slice(column - 1).join("") + ["", ...lines.slice(line)].join("\n");
  return rest.trim() === "";
}

// Where the part of the query that does not parse starts, as the command line finds it (it asks rdflib's
// parser for a second opinion): after the longest run of whole tokens that parses once the brackets it
// leaves open are closed; an expression counts whole, so a failure inside parentheses goes back to where
// they open (to FILTER, BIND or the function's name before them). `parses(text)` says whether a text
// parses (see run: an empty store, so that a prefix that parses costs no evaluation). The token there, or
// null when the whole query is such a run (it only ends too soon).
function partThatFails(text, parses) {
  const all = tokens(text).filter((t) => t.kind !== "comment");
  const closing = { "(": ")", "[": "]", "{": "}" };
  const open = [[]];  // for each prefix of k tokens, the brackets it leaves open (null: one closed by the wrong one)
  let stack = [];
  for (const [index, t] of all.entries()) {
    if (stack !== null && t.kind === "open") stack = [...stack, index];
    else if (stack !== null && t.kind === "close") {
      const top = stack.length ? all[stack[stack.length - 1]] : null;
      stack = top !== null && closing[text[top.start]] === text[t.start] ? stack.slice(0, -1) : null;
    }
    open.push(stack);
  }
  const probes = Math.min(all.length, 2000);  // (a long query is looked at from its end)
  for (let k = all.length; k > all.length - probes; k -= 1) {
    if (open[k] === null) continue;
    const closers = [...open[k]].reverse().map((at) => closing[text[all[at].start]]).join(" ");
    if (!parses(text.slice(0, all[k - 1].end) + " " + closers)) continue;
    if (k === all.length) return null;
    const parenthesis = open[k].find((at) => text[all[at].start] === "(");
    if (parenthesis === undefined) return all[k];
    return parenthesis > 0 && all[parenthesis - 1].kind === "word" ? all[parenthesis - 1] : all[parenthesis];
  }
  return null;
}

// Oxigraph lists every token it could have accepted; the first few say enough.
function shorten(message, limit = 160) {
  const text = message.split(/\s+/).filter(Boolean).join(" ");
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(", ", limit);
  return text.slice(0, cut > 0 ? cut : limit) + ", …";
}
