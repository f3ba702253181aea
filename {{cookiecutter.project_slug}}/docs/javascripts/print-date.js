// The print header shows the date of printing (without scripts it shows the date the site was built).
window.addEventListener("beforeprint", function () {
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll(".aims-print-date").forEach(function (node) { node.textContent = today; });
});
