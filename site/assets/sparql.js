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

async function start(root) {
  root.dataset.state = "loading";
  const configUrl = new URL(root.dataset.config, document.baseURI);
  const config = await (await fetchOk(configUrl)).json();
  const at = (path) => new URL(path, configUrl);

  const oxigraph = await import(at(config.engine).href);
  await oxigraph.default({ module_or_path: at(config.wasm) });
  const store = new oxigraph.Store();
  // the registry's graphs and the vocabulary's: a query reads statuses' notations and ranks from the latter
  for (const file of config.data) {
    const data = await (await fetchOk(at(file))).text();
    store.load(data, { format: config.format, base_iri: config.base });
  }

  const engine = {
    store,
    config,
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
    run(engine, textarea.value, output, root);
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
  if (form !== null && !["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"].includes(form)) {
    fail(root, output, say("refused", { form }));
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
    fail(root, output, shiftPosition(messageOf(error)));
    return;
  }
  const ms = Math.round(performance.now() - started);
  shareLink(output, text);
  if (graph) {
    const rows = result.map((quad) => [quad.subject, quad.predicate, quad.object].map(termOf))
      .sort((a, b) => compareRows(a, b));  // a graph has no order: as the build-time tables sort it
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
    for (const term of row) tr.insertCell().append(cellContent(engine, term));
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

// An RDF/JS term (CONSTRUCT results) in the shape of a SPARQL JSON results term.
function termOf(term) {
  switch (term.termType) {
    case "NamedNode": return { type: "uri", value: term.value };
    case "BlankNode": return { type: "bnode", value: term.value };
    case "Literal": return { type: "literal", value: term.value, datatype: term.datatype && term.datatype.value };
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

function fail(root, output, text) {
  const p = document.createElement("p");
  p.className = "cg-sparql-error";
  p.setAttribute("role", "alert");
  p.textContent = text;
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

// Oxigraph says "error at LINE:COLUMN: …" counting the one-line prologue of prefixes.
function shiftPosition(text) {
  return text.replace(/^(?:Error: )?error at (\d+):(\d+):/, (all, line, column) =>
    Number(line) > 1 ? `line ${Number(line) - 1}, column ${column}:` : all);
}

// The first keyword after the prologue (SELECT, ASK, …, or an update verb), as
// claimgraph.sparql.run.query_form finds it: comments, strings and IRIs set aside.
function queryForm(text) {
  const blanked = text
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*/g, " ");
  for (const match of blanked.matchAll(/(?<![\w?$@:.\-])([A-Za-z]+)(?![\w:\-])/g)) {
    const word = match[1].toUpperCase();
    if (word !== "PREFIX" && word !== "BASE") return word;
  }
  return null;
}
