// The check report's filters (report-table.html.j2): show only the findings of one severity, code or file.
// Without this script the form stays hidden and every finding is shown.
(function () {
  const form = document.querySelector(".cg-report-filters");
  if (!form) return;
  const rows = Array.from(document.querySelectorAll("table.cg-report tbody tr"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const output = form.querySelector("output");
  function apply() {
    let shown = 0;
    for (const row of rows) {
      const visible = selects.every((s) => !s.value || row.dataset[s.dataset.filter] === s.value);
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    // the words come from the page, in the site's language
    const words = output.dataset.words || "{shown} of {total} findings shown";
    output.textContent = words.replace("{shown}", shown).replace("{total}", rows.length);
  }
  for (const s of selects) s.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
