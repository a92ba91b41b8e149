/* Tools library filter (issue 6): progressive enhancement of tools/index.md.
 * Without JavaScript every tool is listed. With it, the hidden form of four
 * labelled <select> (kind, stage, topic, language) is shown; an item stays
 * visible when it has every chosen value in its data-<facet> attribute
 * (space-separated). The choice is kept in the address (?kind=guide&language=fr)
 * so a filtered list can be shared. Runs on every page, acts only on this one. */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("tool-filter");
    var list = document.getElementById("tool-list");
    if (!form || !list || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.getElementById("tool-filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var items = Array.prototype.slice.call(list.querySelectorAll("li.tool"));

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.dataset.facet);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) query.set(select.dataset.facet, select.value);
      });
      items.forEach(function (item) {
        var ok = selects.every(function (select) {
          if (!select.value) return true;
          var values = (item.getAttribute("data-" + select.dataset.facet) || "").split(/\s+/);
          return values.indexOf(select.value) !== -1;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) {
        status.textContent = shown === items.length
          ? "Showing all " + items.length + " tools."
          : shown === 0
            ? "No tool matches these choices. Choose \u201cAll\u201d in one of the lists to see more."
            : "Showing " + shown + " of " + items.length + " tools.";
      }
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0); // after the browser has reset the selects
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    apply();
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setUp); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
