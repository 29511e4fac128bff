// The search page: Pagefind's default UI, in the page's language, running the ?q= query on load.
// bundlePath points at pagefind.js beside this file, which adds exact matching for Chinese words.
// The index comes in parts (a year or a month of articles each, see site_builder/search.py):
// data-parts lists the bundles holding this language's pages; the first is Pagefind's primary
// index, the others are merged into it, so one search reads them all.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var parts = (element.getAttribute("data-parts") || "").split(" ").filter(Boolean);
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var options = {
    element: "#search",
    bundlePath: element.getAttribute("data-bundle"),
    mergeIndex: parts.slice(1).map(function (part) { return {bundlePath: part}; }),
    showSubResults: true,
    showImages: false,
    excerptLength: 30,
    autofocus: !query,
    translations: {search_label: element.getAttribute("data-label")},
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
  var ui = new PagefindUI(options);
  if (query.trim()) {
    ui.triggerSearch(query);
  }
})();
