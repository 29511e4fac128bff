// Pagefind's search API with exact matching for Chinese words.
//
// Pagefind segments Chinese text into words when it indexes, and a query into
// words or single characters when it searches: every page that holds the
// query's pieces is found (recall), but so are pages that hold them apart
// (大数据 also finds pages with 大 and 数据 anywhere). Such results are dropped
// here, so every result holds each Chinese word of the query as typed; words
// without Chinese characters are left to Pagefind (English keeps its stemming).
// Which results hold the words is read from each part's grams (grams.js: where
// each pair of adjacent Chinese characters occurs, a few small files per query),
// so results and filter counts are exact at once, without reading any result's
// text. Only what the grams cannot tell (a word mixing Chinese with other
// characters; a site indexed before the grams existed) falls back to reading
// each result's text (one fragment fetch per result) before it is given, with a
// shortcut where Pagefind matched each word by itself (fastWords below); a page
// that opts in (watch) then gets the first results at once and the rest when the
// check ends. The search UI loads this module as its pagefind.js (bundlePath),
// so it gets the same API.
import * as pagefind from "../../pagefind/pagefind.js";
export * from "../../pagefind/pagefind.js";
import {gramCheck} from "./grams.js";

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

// Where the grams cannot tell, reading a result's text costs one fragment fetch (a
// thousand results take seconds). They are read in Pagefind's rank order, PARALLEL at a time: an
// answer never holds a result that was not checked (or known to hold the query,
// sure below). The page can take an early answer (watch below): the results known
// to hold the query so far, as soon as FIRST of them do, with the number still to
// check, so that it can say its count is not final; the final answer follows when
// the check ends.
const PARALLEL = 16;
const FIRST = 5;  // the search page's first page of results
const KEPT = 8;   // finished checks kept, for a page that asks again (filters, back)

class Check {
  // found: Pagefind's response, its results in rank order; sure: the set of those
  // results that hold the query without a check, and sureFilters the filter counts
  // over exactly those (Pagefind's own, from a search that found only them); grams:
  // what the grams tell of each result and its filters (grams.js), or null.
  constructor(found, words, sure = new Set(), sureFilters = null, grams = null) {
    this.found = found;
    this.words = words;
    this.sureFilters = sureFilters;
    this.grams = grams;
    this.datas = new Array(found.results.length);
    this.held = found.results.map((result) => (sure.has(result) ? true : grams ? grams.held(result) : undefined));
    this.todo = this.held.flatMap((held, i) => (held === undefined ? [i] : []));  // to read, in rank order
    this.unchecked = this.todo.length;
    this.holding = this.held.filter((held) => held).length;
    this.stopped = false;
    this.told = false;  // an early answer was given and the watcher waits for the end
    this.waiting = [];
    this.done = this.run();
  }

  async run() {
    const all = this.found.results;
    let next = 0;
    const worker = async () => {
      while (next < this.todo.length && !this.stopped) {
        const i = this.todo[next++];
        const data = await all[i].data();
        this.datas[i] = data;
        this.held[i] = holdsAll(data, this.words);
        this.unchecked -= 1;
        this.holding += this.held[i] ? 1 : 0;
        this.advance();
      }
    };
    await Promise.all(Array.from({length: Math.min(PARALLEL, this.todo.length)}, worker));
    this.advance();
  }

  advance() {
    if (this.holding >= FIRST || this.finished() || this.stopped) {
      this.waiting.splice(0).forEach((resolve) => resolve());
    }
  }

  finished() {
    return this.unchecked === 0;
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

  // The results known so far to hold the query, in rank order, and filter counts
  // over exactly those results (Pagefind's cover every page it found).
  answer() {
    const results = [];
    const filters = {};
    for (const [name, values] of Object.entries(this.found.filters || {})) {
      const sure = (this.sureFilters && this.sureFilters[name]) || {};
      filters[name] = Object.fromEntries(Object.keys(values).map((value) => [value, sure[value] || 0]));
    }
    for (let i = 0; i < this.held.length; i++) {
      if (!this.held[i]) {
        continue;
      }
      const result = this.found.results[i];
      results.push(result);
      const data = this.datas[i] || {filters: this.grams && this.grams.filtersOf(result.id)};
      for (const [name, values] of Object.entries(data.filters || {})) {
        for (const value of values) {
          if (filters[name] && value in filters[name]) {
            filters[name][value] += 1;
          }
        }
      }
    }
    return {...this.found, results, filters, unfilteredResultCount: results.length, unchecked: this.unchecked};
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
    const {found, sure, sureFilters, grams} = await find();
    if (!found || !found.results || !words.length) {
      watcher?.answer(found, term);
      return found;
    }
    check = checks.get(key) || new Check(found, words, sure, sureFilters, grams);  // or the one a call meanwhile began
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

const parts = [];  // the bundles loaded: the first, then those merged

export async function options(settings) {
  const part = settings && settings.basePath;
  if (part) {
    parts.splice(0, 1, part);
  }
  return pagefind.options(part ? {...settings, mergeFilter: {...settings.mergeFilter, [PART]: part}} : settings);
}

export async function mergeIndex(path, settings) {
  parts.push(path);
  return pagefind.mergeIndex(path, {...settings, mergeFilter: {...(settings && settings.mergeFilter), [PART]: path}});
}

export async function filters() {
  return withoutPart(await pagefind.filters());
}

// only: the parts to look at (all when not given; none: only Pagefind's answer).
async function candidates(found, term, options, only) {
  if (!found) {
    return found;
  }
  const shown = {...found, filters: withoutPart(found.filters), totalFilters: withoutPart(found.totalFilters)};
  if (!exactWords(term).length) {
    return shown;
  }
  const counts = found.filters && found.filters[PART];
  const lost = counts ? (only || Object.keys(counts)).filter((part) => !counts[part]) : [];
  if (!counts && !found.results.length && !only) {
    lost.push(null);  // bundles loaded without a part filter: the whole index is one
  }
  if (!lost.length) {
    return shown;
  }
  let results = found.results;
  for (const part of lost) {
    results = results.concat(await lostPages(term, part === null ? options : inParts(options, [part])));
  }
  // In rank order across parts, as Pagefind merges them.
  results = results.slice().sort((a, b) => b.score - a.score);
  return {...shown, results, unfilteredResultCount: results.length};
}

// Where each Chinese word of the query is an index word of its own, Pagefind finds it by
// the index words equal to it or beginning with it (民警 by 民警 and 民警们), so every page
// it finds holds the word: such results need no check. Only a word that is no index word
// is found by a shorter one (大数据 by 大) or by nothing (a word whose beginning lies in an
// earlier chunk, above), and only then can a result lack it. Pagefind's quoted mode finds a
// single word by the index word equal to it, nothing else, and it loads the same chunk as
// the search proper: a part where the quoted search finds a page for each word is a part
// whose results all hold the query. (Checked on a generated archive of 2,000 articles:
// 28,806 results in 139 such parts of 81 queries, none lacking its words.) The parts are
// told apart by the part filter's counts in the quoted search's answer.
//
// This holds for the words Pagefind looks up, which are the query's Chinese words only
// when Pagefind takes them as typed: it drops some punctuation (joining what it stood
// between: 专业，机制 is looked up as 专业机制) and lowers the case. fastWords gives the
// query's Chinese words when each is a word Pagefind looks up, else null (every result is
// then checked).
const DROPPED = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;  // what Pagefind 1.4 drops from a query

export function fastWords(term) {
  const words = exactWords(term);
  const looked = new Set(forPagefind(term).replace(DROPPED, "").toLocaleLowerCase().split(/\s+/u));
  return words.length && words.every((word) => looked.has(word)) ? words : null;
}

const wordParts = new Map();  // word → the quoted search's count per part (the index does not change)

async function partsWith(word) {
  if (!wordParts.has(word)) {
    const found = await pagefind.search(`"${word}"`);
    const counts = found.filters && found.filters[PART];
    wordParts.set(word, counts ? {...counts} : {[WHOLE]: found.results.length});
  }
  return wordParts.get(word);
}

const WHOLE = "";  // bundles loaded without a part filter: the whole index is one part

function inParts(options, parts) {
  return {...options, filters: {...(options && options.filters), [PART]: {any: parts}}};
}

// Pagefind's answer for the query, the results that hold it for sure, and Pagefind's filter
// counts over exactly those; or, where every part has its grams, Pagefind's answer and what
// the grams tell of it.
async function gather(term, options) {
  const words = fastWords(term);
  const query = forPagefind(term);
  const [grams, all] = await Promise.all([exactWords(term).length && gramCheck(parts, exactWords(term), Boolean(words)),
    pagefind.search(query, options)]);
  if (grams) {
    return {found: await candidates(all, term, options), grams};
  }
  const sure = [];
  const other = [];
  if (words) {
    const counts = await Promise.all(words.map(partsWith));
    const parts = (await pagefind.filters())[PART] || {[WHOLE]: 0};
    for (const part of Object.keys(parts)) {
      (counts.every((count) => count[part]) ? sure : other).push(part);
    }
  }
  if (!sure.length) {
    return {found: await candidates(await pagefind.search(query, options), term, options)};
  }
  if (!other.length) {
    const found = await candidates(await pagefind.search(query, options), term, options, []);
    return {found, sure: new Set(found.results), sureFilters: found.filters};
  }
  const fast = await pagefind.search(query, inParts(options, sure));
  const rest = await candidates(await pagefind.search(query, inParts(options, other)), term, options, other);
  const filters = withoutPart(fast.filters);
  for (const [name, values] of Object.entries(rest.filters || {})) {
    filters[name] = {...values, ...filters[name]};  // every value either search knows (the counts are remade)
  }
  const results = fast.results.concat(rest.results).sort((a, b) => b.score - a.score);
  const found = {...rest, results, filters, totalFilters: withoutPart(fast.totalFilters), unfilteredResultCount: results.length};
  return {found, sure: new Set(fast.results), sureFilters: withoutPart(fast.filters)};
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
  return exact(() => gather(term, options), term, options);
}

// A search that a later call overtakes during its timeout answers null (Pagefind's rule).
export async function debouncedSearch(term, options, timeout) {
  await pagefind.filters();
  const found = await pagefind.debouncedSearch(forPagefind(term), options, timeout);
  return found === null ? null : exact(() => gather(term, options), term, options);
}
