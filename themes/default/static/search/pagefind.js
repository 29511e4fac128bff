// Pagefind's search API with exact matching for Chinese words.
//
// Pagefind segments Chinese text into words when it indexes, and a query into
// words or single characters when it searches: every page that holds the
// query's pieces is found (recall), but so are pages that hold them apart
// (大数据 also finds pages with 大 and 数据 anywhere). Here each result's
// text is checked for every Chinese word of the query as typed, so a result
// holds the exact string; words without Chinese characters are left to
// Pagefind (English keeps its stemming). Every result is checked before it is
// given, so the number of results is exact; a page that opts in (watch) gets the
// first checked results at once and the rest when the check ends. The search UI
// loads this module as its pagefind.js (bundlePath), so it gets the same API.
import * as pagefind from "../../pagefind/pagefind.js";
export * from "../../pagefind/pagefind.js";

const HAN = /\p{Script=Han}/u;
const SPACE = /[\s\u00a0\u3000]+/gu;
const ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'"};

function plain(text) {
  return (text || "").replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]).normalize("NFKC").replace(SPACE, "");
}

// The query's words that must appear exactly: the pieces between spaces and
// punctuation ("大数据" in quotes, 专业+机制) that hold a Chinese character.
export function exactWords(term) {
  return (term || "").normalize("NFKC").split(/[\s\p{P}\p{S}]+/u).filter((word) => HAN.test(word));
}

export function holdsAll(data, words) {
  const text = plain(data.content) + "\n" + plain(data.meta && data.meta.title);
  return words.every((word) => text.includes(word));
}

// Reading a result's text costs one fragment fetch, so checking a large result
// set takes seconds (a thousand results, about ten in bench/search_scale.py).
// Every result is checked, in Pagefind's rank order, PARALLEL at a time: an
// answer never holds a result that was not checked. The page can take an early
// answer (watch below): the results checked so far, as soon as FIRST of them hold
// the query, with the number still to check, so that it can say its count is not
// final; the final answer follows when the check ends.
const PARALLEL = 16;
const FIRST = 5;  // the search page's first page of results
const KEPT = 8;   // finished checks kept, for a page that asks again (filters, back)

class Check {
  constructor(found, words) {
    this.found = found;
    this.words = words;
    this.datas = new Array(found.results.length);
    this.held = new Array(found.results.length);
    this.settled = 0;  // results[0, settled) are checked
    this.holding = 0;  // of which this many hold the query
    this.stopped = false;
    this.told = false;  // an early answer was given and the watcher waits for the end
    this.waiting = [];
    this.done = this.run();
  }

  async run() {
    const all = this.found.results;
    let next = 0;
    const worker = async () => {
      while (next < all.length && !this.stopped) {
        const i = next++;
        const data = await all[i].data();
        this.datas[i] = data;
        this.held[i] = holdsAll(data, this.words);
        this.advance();
      }
    };
    await Promise.all(Array.from({length: Math.min(PARALLEL, all.length)}, worker));
    this.advance();
  }

  advance() {
    const all = this.found.results;
    while (this.settled < all.length && this.held[this.settled] !== undefined) {
      this.holding += this.held[this.settled] ? 1 : 0;
      this.settled += 1;
    }
    if (this.holding >= FIRST || this.settled === all.length || this.stopped) {
      this.waiting.splice(0).forEach((resolve) => resolve());
    }
  }

  finished() {
    return this.settled === this.found.results.length;
  }

  stop() {
    this.stopped = true;
    this.advance();
  }

  // Resolves once FIRST results hold the query, or every result is checked.
  async early() {
    if (this.holding < FIRST && !this.finished() && !this.stopped) {
      await Promise.race([new Promise((resolve) => this.waiting.push(resolve)), this.done]);
    }
    return this.answer();
  }

  async complete() {
    await this.done;
    return this.answer();
  }

  // The results checked so far that hold the query, in rank order, and filter
  // counts over exactly those results (Pagefind's cover every page it found).
  answer() {
    const results = [];
    const filters = {};
    for (const [name, values] of Object.entries(this.found.filters || {})) {
      filters[name] = Object.fromEntries(Object.keys(values).map((value) => [value, 0]));
    }
    for (let i = 0; i < this.settled; i++) {
      if (!this.held[i]) {
        continue;
      }
      results.push(this.found.results[i]);
      for (const [name, values] of Object.entries(this.datas[i].filters || {})) {
        for (const value of values) {
          if (filters[name] && value in filters[name]) {
            filters[name][value] += 1;
          }
        }
      }
    }
    const unchecked = this.found.results.length - this.settled;
    return {...this.found, results, filters, unfilteredResultCount: results.length, unchecked};
  }
}

const checks = new Map();  // query and options → its check, the latest last

function remember(key, check) {
  checks.delete(key);
  // The search page shows one search at a time: a check it no longer waits for
  // gives way. (Without a watcher every caller gets its complete answer.)
  for (const [other, earlier] of checks) {
    if (watcher && other !== key && !earlier.finished()) {
      earlier.stop();
      checks.delete(other);
    }
  }
  checks.set(key, check);
  while (checks.size > KEPT) {
    checks.delete(checks.keys().next().value);
  }
}

let watcher = null;

// The search page opts in to early answers: search() then answers once the first
// results are checked. watcher.answer(response, term) is called with every answer
// just before it is given (response.unchecked: how many results are still to
// check, 0 when the count is final); watcher.checked(term, options) when a check
// whose early answer was given has ended, so the page can ask again and show all.
export function watch(callbacks) {
  watcher = callbacks;
}

async function exact(find, term, options) {
  const words = exactWords(term);
  const key = JSON.stringify([term, options || {}]);
  let check = checks.get(key);
  if (!check) {
    const found = await find();
    if (!found || !found.results || !words.length) {
      watcher?.answer(found, term);
      return found;
    }
    check = checks.get(key) || new Check(found, words);  // or the one a call meanwhile began
  }
  remember(key, check);
  // A check that failed (a fragment did not load) is not kept: asking again retries it.
  check.done.catch(() => checks.get(key) === check && checks.delete(key));
  const response = watcher ? await check.early() : await check.complete();
  if (!check.stopped) {
    watcher?.answer(response, term);
    if (watcher && response.unchecked && !check.told) {
      check.told = true;
      check.done.then(() => check.finished() && watcher.checked(term, options));
    }
  }
  return response;
}

// Pagefind's own exact-phrase mode ("…") misses most Chinese hits, and the check
// here is exact anyway: for a query with Chinese words the quotes are dropped.
function forPagefind(term) {
  return exactWords(term).length ? term.replace(/"/g, " ") : term;
}

// Pagefind finds a query word by the index words that begin with it or, when there
// are none, by the longest index word it begins with (大数据 by 大: the index holds
// 大 and 数据 apart). It looks in the one index chunk whose range holds the query
// word, and the word's beginning can lie in an earlier chunk: 警网融合 is indexed as
// 警 | 网 | 融合, 警 is the last word of one chunk, 警网融合 sorts into the next, and
// Pagefind finds no page at all. Each part of the index has its own chunks, so a
// word can be lost in one part and found in the others (包片责任 at 2,000 generated
// articles: no page of one month). So in each part where a query finds nothing, each
// of its Chinese words that finds nothing is looked up by its beginnings as whole
// words (Pagefind's quoted mode loads the chunk of the word itself), longest first;
// the pages found there for every word of the query join the candidates the check
// reads. Which parts found nothing is told by a filter on the part (PART), which
// every bundle gets when it is loaded and which is hidden from the page.
const PART = "§part";

function withoutPart(filters) {
  const {[PART]: _part, ...others} = filters || {};
  return others;
}

function inPart(options, part) {
  const filters = {...(options && options.filters), [PART]: [part]};
  return {...options, filters};
}

export async function options(settings) {
  const part = settings && settings.basePath;
  return pagefind.options(part ? {...settings, mergeFilter: {...settings.mergeFilter, [PART]: part}} : settings);
}

export async function mergeIndex(path, settings) {
  return pagefind.mergeIndex(path, {...settings, mergeFilter: {...(settings && settings.mergeFilter), [PART]: path}});
}

export async function filters() {
  return withoutPart(await pagefind.filters());
}

async function candidates(found, term, options) {
  if (!found) {
    return found;
  }
  const shown = {...found, filters: withoutPart(found.filters), totalFilters: withoutPart(found.totalFilters)};
  if (!exactWords(term).length) {
    return shown;
  }
  const counts = found.filters && found.filters[PART];
  const lost = counts ? Object.keys(counts).filter((part) => !counts[part]) : [];
  if (!counts && !found.results.length) {
    lost.push(null);  // bundles loaded without a part filter: the whole index is one
  }
  if (!lost.length) {
    return shown;
  }
  let results = found.results;
  for (const part of lost) {
    results = results.concat(await lostPages(term, part === null ? options : inPart(options, part)));
  }
  // In rank order across parts, as Pagefind merges them.
  results = results.slice().sort((a, b) => b.score - a.score);
  return {...shown, results, unfilteredResultCount: results.length};
}

async function lostPages(term, options) {
  const others = forPagefind(term).split(/\s+/u).filter((piece) => piece && !HAN.test(piece));
  let results = null;
  for (const word of exactWords(term).concat(others)) {
    const pages = await pagesOf(word, options);
    if (results === null) {
      results = pages;
    } else {
      const ids = new Set(pages.map((result) => result.id));
      results = results.filter((result) => ids.has(result.id));
    }
    if (!results.length) {
      break;
    }
  }
  return results || [];
}

async function pagesOf(word, options) {
  const found = await pagefind.search(word, options);
  if (found.results.length || !HAN.test(word)) {
    return found.results;
  }
  const characters = Array.from(word);
  for (let length = characters.length - 1; length > 0; length--) {
    const begun = await pagefind.search(`"${characters.slice(0, length).join("")}"`, options);
    if (begun.results.length) {
      return begun.results;
    }
  }
  return [];
}

// Pagefind counts a search's filters from the filter chunks loaded so far, and
// the UI keeps the first non-empty set of filter groups it is given: a search
// answered before every chunk arrived would hide a filter group for good.
// filters() loads them all (once; later calls are instant).
export async function search(term, options) {
  await pagefind.filters();
  const find = async () => candidates(await pagefind.search(forPagefind(term), options), term, options);
  return exact(find, term, options);
}

// A search that a later call overtakes during its timeout answers null (Pagefind's rule).
export async function debouncedSearch(term, options, timeout) {
  await pagefind.filters();
  const found = await pagefind.debouncedSearch(forPagefind(term), options, timeout);
  return found === null ? null : exact(async () => candidates(found, term, options), term, options);
}
