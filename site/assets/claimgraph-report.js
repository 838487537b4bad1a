// The check report's filters (report-table.html.j2): show only the findings of one severity, code or file.
// Without this script the form stays hidden and every finding is shown.
(function () {
  const form = document.querySelector(".cg-report-filters");
  if (!form) return;
  const rows = Array.from(document.querySelectorAll("table.cg-report tbody tr"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const output = form.querySelector("output");
  // each group's heading with the rows of its table (the table follows the heading and its description):
  // the count in the heading is the number of findings the filters leave in view
  const groups = Array.from(document.querySelectorAll("h2[data-title]")).map((heading) => {
    // (the theme may wrap a table in a scrolling box: the table is then inside a sibling)
    let table = null;
    for (let next = heading.nextElementSibling; next && !next.matches("h2") && !table; next = next.nextElementSibling) {
      table = next.matches("table.cg-report") ? next : next.querySelector("table.cg-report");
    }
    return { heading, table, rows: table ? Array.from(table.querySelectorAll("tbody tr")) : [] };
  });
  function apply() {
    let shown = 0;
    for (const row of rows) {
      const visible = selects.every((s) => !s.value || row.dataset[s.dataset.filter] === s.value);
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const group of groups) {
      const count = group.rows.filter((row) => !row.hidden).length;
      group.heading.textContent = `${group.heading.dataset.title} (${count})`;
      // a table with every row filtered out would show its header alone
      if (group.table) group.table.hidden = count === 0;
    }
    // the words come from the page, in the site's language
    const words = shown === 0 && rows.length > 0
      ? output.dataset.none || "No finding matches these filters."
      : output.dataset.words || "{shown} of {total} findings shown";
    output.textContent = words.replace("{shown}", shown).replace("{total}", rows.length);
  }
  for (const s of selects) s.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
