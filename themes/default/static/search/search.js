// The search page: Pagefind's default UI, in the page's language, running the ?q= query on load.
// bundlePath points at pagefind.js beside this file, which adds exact matching for Chinese words.
// The index comes in parts (a year or a month of articles each, see site_builder/search.py):
// data-parts lists the bundles holding this language's pages; the first is Pagefind's primary
// index, the others are merged into it, so one search reads them all.
// A Chinese query's results are checked one by one (pagefind.js), which takes a while on a large
// archive: the page shows the first checked results at once, says that its count is not final
// (data-checking), and shows every result with the exact count when the check ends.
// A site built without its search index (build --no-search, serve without --search) has no
// Pagefind UI and no bundles: the page says so (#search-unindexed) instead of waiting for ever.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element) {
    return;
  }

  function unindexed() {
    var notice = document.getElementById("search-unindexed");
    element.hidden = true;
    element.setAttribute("aria-busy", "false");
    if (notice) {
      notice.hidden = false;
    }
  }

  if (typeof PagefindUI === "undefined") {
    unindexed();
    return;
  }
  var parts = (element.getAttribute("data-parts") || "").split(" ").filter(Boolean);
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var bundle = element.getAttribute("data-bundle");
  var label = element.getAttribute("data-label");
  var checking = element.getAttribute("data-checking") || "";
  var term = query;  // the query of the answer shown (watcher.answer)
  var options = {
    element: "#search",
    bundlePath: bundle + "ui/",  // ui/pagefind.js: the API with date order and long filter groups cut
    mergeIndex: parts.slice(1).map(function (part) { return {bundlePath: part}; }),
    showSubResults: true,
    showImages: false,
    excerptLength: 30,
    autofocus: !query,
    translations: {search_label: label},
    // Each result's excerpts and metadata line (results.js), once it is loaded.
    processResult: function (data) {
      return presenter ? presenter(data, term, exactWords) : data;
    }
  };
  if (parts.length) {
    options.basePath = parts[0];  // options the UI does not know are handed to Pagefind itself
  }
  var ui = null;
  var presenter = null;  // results.js present, once loaded
  // The query's words that must appear whole (pagefind.js's, once it is loaded).
  var exactWords = function (text) {
    return (text || "").normalize("NFKC").split(/[\s\p{P}\p{S}]+/u).filter(function (word) { return /\p{Script=Han}/u.test(word); });
  };
  var api = null;  // ui/pagefind.js, once loaded

  function start() {
    var chosen = document.getElementById("search-sort");  // as the browser restored it (back)
    if (chosen && chosen.value === "date") {
      options.sort = {date: "desc"};
    }
    ui = new PagefindUI(options);
    // Pagefind's input has only its placeholder as a title: it gets the page's label.
    var input = element.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.id = "search-input";
      input.setAttribute("aria-label", label);
    }
    placeTools();
    if (query.trim()) {
      ui.triggerSearch(query);
    }
  }

  // The order of the results: by relevance (Pagefind's) or by date, newest first (the sort
  // key "date" that article pages carry). The UI takes its sort as a prop; setting the
  // filters it has makes it search again, in the new order.
  var order = document.getElementById("search-sort");

  function sortBy() {
    var sort = order && order.value === "date" ? {date: "desc"} : null;
    if (ui && ui._pfs) {
      ui._pfs.$$set({sort: sort});
      var input = element.querySelector(".pagefind-ui__search-input");
      if (input && input.value.trim()) {
        element.setAttribute("aria-busy", "true");  // until the answer in the new order (onShown)
        ui.triggerFilters(ticked());
      }
    }
  }

  if (order) {
    order.addEventListener("change", sortBy);
  }

  // A filter group longer than the API lists (ui/pagefind.js SHOWN) gets a box: the values
  // holding the text typed there are listed too, and the search is asked again.
  var narrowing = document.getElementById("search-narrow");
  var typing = null;
  if (narrowing) {
    narrowing.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        var input = element.querySelector(".pagefind-ui__search-input");
        if (api && ui && input && input.value.trim()) {
          api.narrow(narrowing.value);
          ui.triggerFilters(ticked());
        }
      }, 250);
    });
  }

  // The tools go above the filters and results, inside the UI's drawer (shown once it searched).
  function placeTools() {
    var tools = document.getElementById("search-tools");
    var drawer = element.querySelector(".pagefind-ui__drawer");
    if (tools && drawer) {
      drawer.insertBefore(tools, drawer.firstChild);
      tools.hidden = false;
    }
  }

  // The filters ticked now, in the form triggerFilters takes.
  function ticked() {
    var selected = {};
    element.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      (selected[box.name] = selected[box.name] || []).push(box.value);
    });
    return selected;
  }

  var watcher = {
    // Told of each answer just before the UI shows it: an answer still being checked gets the
    // count message that says so. The UI takes its strings only as a whole set of translations,
    // and only through its component's $$set (as its own triggerSearch does; Pagefind is pinned).
    answer: function (response, answered) {
      term = answered;
      var strings = {search_label: label};
      if (response && response.unchecked && checking) {
        var more = new Intl.NumberFormat(document.documentElement.lang).format(response.unchecked);
        strings.many_results = strings.one_result = checking.replace("[UNCHECKED]", more);
      }
      if (ui && ui._pfs) {
        ui._pfs.$$set({translations: strings});
      }
      if (order) {
        order.parentNode.hidden = !(response && response.results && response.results.length > 1);
      }
      if (narrowing) {
        narrowing.parentNode.hidden = !(api && Object.keys(api.sizes).length);
      }
    },
    // The check ended: the UI asks again (the answer is kept, so it comes at once) unless the
    // query has changed meanwhile. Setting the filters it has is what makes it ask for the same query.
    checked: function (term) {
      var input = element.querySelector(".pagefind-ui__search-input");
      if (ui && input && input.value === term) {
        ui.triggerFilters(ticked());
      }
    }
  };

  // The UI imports the same module (same URL, so the same instance): the watcher is set first.
  // The primary bundle's entry file tells whether there is an index at all (the UI alone would
  // show "Searching…" for ever without one).
  var entry = parts.length ? fetch(parts[0] + "pagefind-entry.json", {cache: "no-store"}).then(
    function (response) { return response.ok; }, function () { return true; }) : Promise.resolve(true);
  entry.then(function (indexed) {
    if (!indexed) {
      unindexed();
      return;
    }
    Promise.all([import(bundle + "ui/pagefind.js"), import(bundle + "results.js")]).then(function (modules) {
      var module = modules[0];
      presenter = modules[1].present;
      api = module;
      module.watch(watcher);
      // Busy until the count is final and the results in order: assistive technology waits, and so can a test.
      module.onShown(function (response) {
        element.setAttribute("aria-busy", response.unchecked ? "true" : "false");
      });
      exactWords = module.exactWords || exactWords;
      start();
    }, function (error) {
      console.error(error);
      start();
    });
  });
})();
