/* Tools library filter (issue 6): progressive enhancement of tools/index.md.
 *
 * Without JavaScript every tool is listed. With it, the filter block (hidden by
 * the upr-needs-js class of accessibility.css) is
 * shown and each facet's list of choices (<span data-value> items, written by
 * upr.pages.tools) becomes a native, labelled <select>: kind, stage, topic,
 * language. A tool stays visible when, for every chosen facet, the chosen value
 * is in its data-<facet> attribute (space-separated). The choice is kept in the
 * address (?kind=guide&language=fr) so a filtered list can be shared.
 * Runs on every page; acts only where #tool-filter and #tool-list exist. */
(function () {
  "use strict";

  function makeSelect(box) {
    var facet = box.getAttribute("data-facet");
    var select = document.createElement("select");
    select.id = "tool-filter-" + facet;
    select.name = facet;
    select.setAttribute("data-facet", facet);
    Array.prototype.forEach.call(box.querySelectorAll("span[data-value]"), function (choice) {
      var option = document.createElement("option");
      option.value = choice.getAttribute("data-value");
      option.textContent = choice.textContent;
      select.appendChild(option);
    });
    box.replaceWith(select);
    return select;
  }

  function setUp() {
    var filter = document.getElementById("tool-filter");
    var list = document.getElementById("tool-list");
    if (!filter || !list || filter.getAttribute("data-ready")) return;
    filter.setAttribute("data-ready", "1");
    var status = document.getElementById("tool-filter-status");
    var selects = Array.prototype.map.call(
      filter.querySelectorAll(".tool-filter__choices[data-facet]"), makeSelect);
    var items = Array.prototype.slice.call(list.querySelectorAll("li.tool"));

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) query.set(select.name, select.value);
      });
      items.forEach(function (item) {
        var ok = selects.every(function (select) {
          if (!select.value) return true;
          var values = (item.getAttribute("data-" + select.name) || "").split(/\s+/);
          return values.indexOf(select.value) !== -1;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) {
        var text = shown === items.length ? status.getAttribute("data-all")
          : shown === 0 ? status.getAttribute("data-none") : status.getAttribute("data-some");
        status.textContent = (text || "").replace("{n}", String(items.length)).replace("{shown}", String(shown));
      }
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") +
        window.location.hash);
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    var resetText = filter.querySelector(".tool-filter__reset");
    if (resetText) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = resetText.textContent;
      button.addEventListener("click", function () {
        selects.forEach(function (select) { select.value = ""; });
        apply();
        if (selects[0]) selects[0].focus();
      });
      resetText.replaceWith(button);
    }
    filter.classList.remove("upr-needs-js");
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
