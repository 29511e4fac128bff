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
  var options = {
    element: "#search",
    bundlePath: bundle,
    mergeIndex: parts.slice(1).map(function (part) { return {bundlePath: part}; }),
    showSubResults: true,
    showImages: false,
    excerptLength: 30,
    autofocus: !query,
    translations: {search_label: label},
    // Result metadata under this language's names (the index keeps "date" and "issue").
    processResult: function (result) {
      var meta = result.meta || {};
      var shown = {title: meta.title};
      if (meta.image) {
        shown.image = meta.image;
        shown.image_alt = meta.image_alt || "";
      }
      if (meta.date) {
        shown[element.getAttribute("data-date-label")] = meta.date;
      }
      if (meta.issue) {
        shown[element.getAttribute("data-issue-label")] = meta.issue;
      }
      result.meta = shown;
      return result;
    }
  };
  if (parts.length) {
    options.basePath = parts[0];  // options the UI does not know are handed to Pagefind itself
  }
  var ui = null;

  function start() {
    ui = new PagefindUI(options);
    if (query.trim()) {
      ui.triggerSearch(query);
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
    answer: function (response) {
      var strings = {search_label: label};
      if (response && response.unchecked && checking) {
        var more = new Intl.NumberFormat(document.documentElement.lang).format(response.unchecked);
        strings.many_results = strings.one_result = checking.replace("[UNCHECKED]", more);
      }
      if (ui && ui._pfs) {
        ui._pfs.$$set({translations: strings});
      }
      // Busy until the count is final: assistive technology waits, and so can a test.
      element.setAttribute("aria-busy", response && response.unchecked ? "true" : "false");
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
    import(bundle + "pagefind.js").then(function (module) {
      module.watch(watcher);
      start();
    }, function (error) {
      console.error(error);
      start();
    });
  });
})();
