/* Follow-up tables (issue 3): sorting, filtering and search, all in the browser.
 * - Every table.upr-recs is made sortable with the vendored tablesort (MIT,
 *   vendor/tablesort/LICENCE); the ID column sorts in report order (data-sort).
 * - div.upr-filters (hidden by the upr-needs-js class) is shown: each <span data-filter> in it becomes a
 *   labelled <select> (its <span data-value> children are the options; the
 *   site's sanitiser keeps no form controls in page content, so they are built
 *   here) or, for "text", a search box. They filter the rows of the table by
 *   response, theme, assessment status, source (data-* attributes of each row;
 *   themes are joined by "|") and by words of the text. The choice is kept in the
 *   address (?response=noted&theme=Women%27s%20rights) so a view can be shared;
 *   the theme pages link to tables filtered that way.
 * - #upr-search loads Pagefind's UI from the static index in /pagefind/.
 * Without JavaScript every row stays visible. */
(function () {
  "use strict";

  function setUpTable(table) {
    if (table.dataset.ready) return;
    table.dataset.ready = "1";
    if (window.Tablesort) new window.Tablesort(table);
  }

  function control(spec) {
    var name = spec.dataset.filter;
    var label = document.createElement("label");
    label.appendChild(document.createTextNode(spec.dataset.label + " "));
    var field;
    if (name === "text") {
      field = document.createElement("input");
      field.type = "search";
    } else {
      field = document.createElement("select");
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "all";
      field.appendChild(all);
      Array.prototype.forEach.call(spec.querySelectorAll("[data-value]"), function (item) {
        var option = document.createElement("option");
        option.value = item.dataset.value;
        option.textContent = item.textContent;
        field.appendChild(option);
      });
    }
    field.name = name;
    field.dataset.filter = name;
    label.appendChild(field);
    spec.replaceWith(label);
    return field;
  }

  // themes: data-themes ("a|b") on follow-up rows; on the recommending-State tables, the
  // lines of the row's td.upr-themes (one theme a line, kept once to keep pages small)
  function themesOf(row) {
    if (row.dataset.themes !== undefined) return row.dataset.themes ? row.dataset.themes.split("|") : [];
    var cell = row.querySelector("td.upr-themes");
    if (!cell) return [];
    return Array.prototype.filter.call(cell.childNodes, function (n) { return n.nodeType === 3; })
      .map(function (n) { return n.textContent; });
  }

  function setUpFilters(form) {
    if (form.dataset.ready) return;
    var table = document.getElementById(form.dataset.table);
    if (!table) return;
    form.dataset.ready = "1";
    var fields = Array.prototype.slice.call(form.querySelectorAll("span[data-filter]")).map(control);
    form.classList.remove("upr-needs-js");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var count = form.querySelector(".upr-count");
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (field) {
      var wanted = params.get(field.dataset.filter);
      if (!wanted) return;
      if (field.tagName === "INPUT") field.value = wanted;
      else if (field.querySelector('option[value="' + CSS.escape(wanted) + '"]')) field.value = wanted;
    });

    function matches(row, i) {
      return fields.every(function (field) {
        var value = field.value;
        if (!value) return true;
        switch (field.dataset.filter) {
          case "theme": return themesOf(row).indexOf(value) !== -1;
          case "text": return value.toLowerCase().split(/\s+/).every(function (w) { return texts[i].indexOf(w) !== -1; });
          default: return row.dataset[field.dataset.filter] === value;
        }
      });
    }

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      fields.forEach(function (field) { if (field.value) query.set(field.dataset.filter, field.value); });
      rows.forEach(function (row, i) {
        var ok = matches(row, i);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
    // a deep link to a row hidden by a filter in the address: show everything
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.hidden) {
      fields.forEach(function (field) { field.value = ""; });
      apply();
      target.scrollIntoView();
    }
  }

  function setUpSearch(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var bundle = box.dataset.bundle;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      new window.PagefindUI({ element: "#" + box.id, showSubResults: false, showImages: false });
    };
    script.onerror = function () {
      box.textContent = "The search index is built with the site (upr build); it is missing here.";
    };
    document.head.appendChild(script);
  }

  function setUp() {
    document.querySelectorAll("table.upr-recs").forEach(setUpTable);
    document.querySelectorAll("div.upr-filters").forEach(setUpFilters);
    var box = document.getElementById("upr-search");
    if (box) setUpSearch(box);
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
