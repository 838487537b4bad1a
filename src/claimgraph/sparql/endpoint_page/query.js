(function () {
  const saved = JSON.parse(document.getElementById('saved-queries').textContent);
  const byName = Object.fromEntries(saved.map(q => [q.name, q]));
  const select = document.getElementById('saved');
  const text = document.getElementById('query');
  const description = document.getElementById('description');
  const status = document.getElementById('status');
  const results = document.getElementById('results');
  select.addEventListener('change', () => {
    const q = byName[select.value];
    if (q) { text.value = q.text; description.textContent = q.description; }
  });
  function cell(term) {
    if (!term) return '';
    return term.value;
  }
  document.getElementById('form').addEventListener('submit', async (event) => {
    const fmt = document.getElementById('format').value;
    if (fmt !== 'html') return;  // other formats: let the browser show or download them
    event.preventDefault();
    status.textContent = 'running…';
    results.textContent = '';
    const started = performance.now();
    try {
      const response = await fetch('/sparql', {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded',
                  'Accept': 'application/sparql-results+json, text/turtle;q=0.9'},
        body: new URLSearchParams({query: text.value}),
      });
      const body = await response.text();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) { status.textContent = 'error ' + response.status; const pre = document.createElement('pre'); pre.textContent = body; results.append(pre); return; }
      if ((response.headers.get('Content-Type') || '').includes('sparql-results+json')) {
        const data = JSON.parse(body);
        if ('boolean' in data) { status.textContent = String(data.boolean) + ' (' + seconds + ' s)'; return; }
        const vars = data.head.vars, rows = data.results.bindings;
        const table = document.createElement('table');
        const head = table.createTHead().insertRow();
        for (const v of vars) { const th = document.createElement('th'); th.textContent = v; head.append(th); }
        const tbody = table.createTBody();
        for (const row of rows) { const tr = tbody.insertRow(); for (const v of vars) tr.insertCell().textContent = cell(row[v]); }
        results.append(table);
        status.textContent = rows.length + ' row(s) in ' + seconds + ' s';
      } else {
        const pre = document.createElement('pre'); pre.textContent = body; results.append(pre);
        status.textContent = 'done in ' + seconds + ' s';
      }
    } catch (error) { status.textContent = 'request failed: ' + error; }
  });
})();
