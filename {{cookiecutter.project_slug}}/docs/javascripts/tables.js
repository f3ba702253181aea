// Tables that a phone (and a printed page) can read: each cell of a Markdown table is given the name
// of its column, so the stylesheet can show the table as stacked "label: value" rows below a width
// instead of squeezing its words. Without scripts the table keeps its columns.
(function () {
  var WIDE = 6;  // columns from which a printed table is stacked too, to fit an A4 page in portrait
  function label(root) {
    root.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      if (table.hasAttribute("data-aims-stack")) { return; }
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      var fields = headers.length === 2 && headers[0] === "Field" && headers[1] === "Value";
      table.setAttribute("data-aims-stack", fields ? "fields" : "rows");
      table.setAttribute("data-aims-columns", String(headers.length));
      if (headers.length >= WIDE) { table.setAttribute("data-aims-wide", ""); }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (headers[index]) { cell.setAttribute("data-label", headers[index]); }
        });
      });
    });
  }
  function run() { label(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
  // Engines that swap pages without reloading announce each new page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(run); }
})();
