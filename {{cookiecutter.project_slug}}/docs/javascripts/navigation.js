// The phone menu opens on the site's sections (Contacts among them), not inside the section of the
// current page; and each section's menu is named after its section, so screen readers can tell
// the menus apart.
(function () {
  var phone = window.matchMedia("(max-width: 76.1875em)");
  function topLevel() {
    if (!phone.matches) { return; }
    var sections = ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__toggle";
    document.querySelectorAll(sections).forEach(function (toggle) { toggle.checked = false; });
  }
  function nameMenus() {
    document.querySelectorAll(".md-nav--primary nav[aria-labelledby]").forEach(function (menu) {
      var label = document.getElementById(menu.getAttribute("aria-labelledby"));
      if (label && label.textContent.trim()) { return; }
      var title = menu.querySelector(".md-nav__title");
      var name = title ? title.textContent.trim() : "";
      if (name) {
        menu.removeAttribute("aria-labelledby");
        menu.setAttribute("aria-label", name);
      }
    });
  }
  function run() {
    nameMenus();
    var drawer = document.getElementById("__drawer");
    if (drawer && !drawer.hasAttribute("data-aims-top")) {
      drawer.setAttribute("data-aims-top", "");
      drawer.addEventListener("change", function () { if (drawer.checked) { topLevel(); } });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
  if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(run); }
})();
