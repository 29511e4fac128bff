// What a search result shows on the search page (search.js hands each result here through
// the UI's processResult, with the query and pagefind.js's exactWords).
//
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
  var html = cut[0] > 0 && !/[。！？!?.]\s*$/.test(text.slice(Math.max(0, cut[0] - 2), cut[0])) ? "…" : "";
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
  // Pagefind joins paragraphs with a space, which Chinese text does not have after 。
  return html.replace(/(\p{Script=Han}(?:<\/mark>)?)\. /gu, "$1。")
    .replace(/([。！？；，、：”」』）])\s+(?=\p{Script=Han}|<mark>|[“「『（])/gu, "$1").trim();
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
    var excerpt = snippet(text, ranges);
    if (!/[.!?。！？…"”’)]$/.test(excerpt.replace(/<\/mark>$/, ""))) {
      excerpt += "…";  // Pagefind cut it at 30 words
    }
    return {title: sub.title, url: sub.url, excerpt: excerpt, locations: sub.locations || []};
  });
  if (!subs.length || subs[0].url !== data.url) {
    var lede = sections(data)[0].text;  // the result's own excerpt is shown only with a part before the first heading
    subs.unshift({title: title, url: data.url, excerpt: snippet(lede, []), locations: []});
  }
  return subs;
}

// A result as the page shows it: its date and issue once, on one line above its excerpt
// (not as Pagefind's "Date: …" tags), and excerpts made above. Pagefind keeps the data it
// hands over and hands it again: a new object is returned, the data is left as it was.
export function present(data, term, exactWords) {
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
