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
    processResult: present
  };
  if (parts.length) {
    options.basePath = parts[0];  // options the UI does not know are handed to Pagefind itself
  }
  // --- What a result shows -------------------------------------------------------------
  // Pagefind marks the pieces it looked up, and a Chinese query is looked up in pieces (大数据
  // by 大, which marks 大 in 大模型 too), and it cuts an excerpt at 30 words, which text without
  // spaces never reaches (a paragraph of Chinese on an English page is one "word"). So a
  // query with Chinese words gets excerpts made here from the page's text, around the first
  // place that holds a word as a whole, with every whole word marked; other queries keep
  // Pagefind's excerpts and marks (English stemming), cut to the same length. A section
  // (sub-result) that does not hold the query's Chinese words is not shown.
  var HAN = /\p{Script=Han}/u;
  var WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uff60\u2014\u2018-\u201d\u2026]/u;
  var BUDGET = 240;  // a snippet's width, a Chinese character counting two: 240 Latin or 120 Chinese
  var LEAD = 60;     // how much of it may come before the first match
  var ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'"};
  var ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};

  function unescaped(html) {
    return (html || "").replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, function (entity) { return ENTITIES[entity]; });
  }

  function escaped(text) {
    return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  // Pagefind's excerpt (escaped text with <mark>s) as its text and the marked ranges.
  function parseMarked(html) {
    var text = "";
    var ranges = [];
    var open = -1;
    (html || "").split(/(<\/?mark>)/).forEach(function (piece) {
      if (piece === "<mark>") {
        open = text.length;
      } else if (piece === "</mark>") {
        if (open >= 0) {
          ranges.push([open, text.length]);
        }
        open = -1;
      } else {
        text += unescaped(piece);
      }
    });
    return {text: text, ranges: ranges};
  }

  // Every place in text that holds one of words, as ranges in text order.
  function wholeWords(text, words) {
    var ranges = [];
    var lower = text.toLocaleLowerCase();
    words.forEach(function (word) {
      var needle = word.toLocaleLowerCase();
      for (var at = lower.indexOf(needle); needle && at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        ranges.push([at, at + needle.length]);
      }
    });
    return ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }

  // The part of text to show: from a little before `at` (a sentence start when there is one)
  // to the budget, a Chinese character counting two; cut Latin text at a space.
  function cutAround(text, at) {
    var from = at;
    var used = 0;
    while (from > 0 && used < LEAD && !/[。！？!?]/.test(text[from - 1])) {
      from -= 1;
      used += WIDE.test(text[from]) ? 2 : 1;
    }
    if (from > 0 && !/[。！？!?]/.test(text[from - 1])) {
      var space = text.indexOf(" ", from);
      from = space >= 0 && space < at ? space + 1 : from;
    }
    while (from < at && /\s/.test(text[from])) {
      from += 1;
    }
    var to = from;
    for (used = 0; to < text.length && used < BUDGET; to++) {
      used += WIDE.test(text[to]) ? 2 : 1;
    }
    if (to < text.length && !WIDE.test(text[to - 1])) {
      var last = text.lastIndexOf(" ", to);
      to = last > at ? last : to;
    }
    return [from, to];
  }

  // HTML of text[from, to) with the ranges marked and "…" where it was cut. A heading that
  // Pagefind joined to the text after it with ". " is joined by "。" when it is Chinese.
  function render(text, ranges, cut) {
    var html = cut[0] > 0 ? "…" : "";
    var at = cut[0];
    ranges.forEach(function (range) {
      var start = Math.max(range[0], at);
      var end = Math.min(range[1], cut[1]);
      if (end > start) {
        html += escaped(text.slice(at, start)) + "<mark>" + escaped(text.slice(start, end)) + "</mark>";
        at = end;
      }
    });
    html += escaped(text.slice(at, cut[1])) + (cut[1] < text.length ? "…" : "");
    return html.replace(/(\p{Script=Han}(?:<\/mark>)?)\. /gu, "$1。").trim();
  }

  function snippet(text, ranges) {
    return render(text, ranges, cutAround(text, ranges.length ? ranges[0][0] : 0));
  }

  // Where text starts after `heading` near its start (the kicker and title, or a section's
  // heading, or the end of one where Pagefind's excerpt begins inside it), which is shown
  // above the snippet; 0 when text does not start with it.
  function afterHeading(text, heading) {
    var at = heading ? text.indexOf(heading) : -1;
    var end = at + (heading || "").length;
    for (var tail = (heading || "").length - 1; at < 0 && tail >= 8; tail--) {
      if (text.startsWith(heading.slice(-tail)) && /^\.?\s/.test(text.slice(tail))) {
        at = 0;
        end = tail;
      }
    }
    if (at < 0 || at > 200) {
      return 0;
    }
    var joint = /^\.?\s*/.exec(text.slice(end));
    return end + joint[0].length;
  }

  // The page's text cut into the part before its first heading and one part per heading.
  function sections(data) {
    var text = unescaped(data.content);
    var title = unescaped(data.meta && data.meta.title);
    var heads = (data.anchors || []).filter(function (anchor) {
      return /^h[1-6]$/i.test(anchor.element) && anchor.id && anchor.text;
    });
    var parts = [{title: title, url: data.url, start: afterHeading(text, title)}];
    var at = parts[0].start;
    heads.forEach(function (anchor) {
      var found = text.indexOf(anchor.text, at);
      if (found >= 0) {
        parts[parts.length - 1].end = found;
        at = found + anchor.text.length;
        parts.push({title: anchor.text, url: data.url + "#" + anchor.id, start: at + /^\.?\s*/.exec(text.slice(at))[0].length});
      }
    });
    parts[parts.length - 1].end = text.length;
    return parts.map(function (part) { return {title: part.title, url: part.url, text: text.slice(part.start, part.end)}; });
  }

  // The excerpts of a result for a query with Chinese words.
  function exactExcerpts(data, words) {
    var parts = sections(data);
    var subs = [];
    parts.forEach(function (part, i) {
      var ranges = wholeWords(part.text, words);
      if (i === 0 || ranges.length) {
        subs.push({title: part.title, url: part.url, excerpt: snippet(part.text, ranges), locations: ranges});
      }
    });
    return subs;
  }

  // Pagefind's excerpts for any other query: the heading shown above dropped, cut to length.
  function pagefindExcerpts(data) {
    var title = unescaped(data.meta && data.meta.title);
    var subs = (data.sub_results || []).map(function (sub) {
      var marked = parseMarked(sub.excerpt);
      var heading = sub.url === data.url ? title : unescaped(sub.title);
      var skip = afterHeading(marked.text, heading);
      var text = marked.text.slice(skip);
      var ranges = marked.ranges.map(function (r) { return [r[0] - skip, r[1] - skip]; }).filter(function (r) { return r[1] > 0; });
      return {title: sub.title, url: sub.url, excerpt: snippet(text, ranges), locations: sub.locations || []};
    });
    if (!subs.length || subs[0].url !== data.url) {
      var lede = sections(data)[0].text;  // the result's own excerpt is shown only with a part before the first heading
      subs.unshift({title: title, url: data.url, excerpt: snippet(lede, []), locations: []});
    }
    return subs;
  }

  // The query's words that must appear whole (pagefind.js's, once it is loaded).
  var exactWords = function (text) {
    return (text || "").normalize("NFKC").split(/[\s\p{P}\p{S}]+/u).filter(function (word) { return HAN.test(word); });
  };

  // A result as the page shows it: its date and issue once, on one line above its excerpt
  // (not as Pagefind's "Date: …" tags), and excerpts made above. Pagefind keeps the data it
  // hands over and hands it again: a new object is returned, the data is left as it was.
  function present(data) {
    var meta = data.meta || {};
    var words = exactWords(term);
    var others = words.length ? (term || "").split(/[\s\p{P}\p{S}]+/u).filter(function (word) {
      return word.length > 1 && !HAN.test(word);
    }) : [];
    var subs = words.length ? exactExcerpts(data, words.concat(others)) : pagefindExcerpts(data);
    subs = subs.map(function (sub) {
      return Object.assign({}, sub, {excerpt: '<span class="search-snippet">' + sub.excerpt + "</span>"});
    });
    var line = [meta.date, meta.issue].filter(Boolean).map(function (value) { return escaped(unescaped(value)); });
    if (line.length) {
      subs[0].excerpt = '<span class="search-meta">' + line.join(" · ") + "</span> " + subs[0].excerpt;
    }
    var shown = {title: meta.title};
    if (meta.image) {
      shown.image = meta.image;
      shown.image_alt = meta.image_alt || "";
    }
    return Object.assign({}, data, {meta: shown, excerpt: subs[0].excerpt, sub_results: subs});
  }

  var ui = null;
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
    import(bundle + "ui/pagefind.js").then(function (module) {
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
