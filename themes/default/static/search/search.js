// The search page: Pagefind's default UI, in the page's language, running the ?q= query on load.
// bundlePath points at pagefind.js beside this file, which adds exact matching for Chinese words.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.getAttribute("data-bundle"),
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
  });
  if (query.trim()) {
    ui.triggerSearch(query);
  }
})();
