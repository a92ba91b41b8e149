/* Accessibility fixes to Material's page shell (issue 9).
   Material's search overlay is role="dialog" without a name (axe: aria-dialog-name);
   name it with the search field's own, already translated, label ("Search",
   "Rechercher", "Buscar"). */
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && (input.getAttribute("aria-label") || input.placeholder)) || "Search");
  }
})();
