// Pagefind's search API with exact matching for Chinese words.
//
// Pagefind segments Chinese text into words when it indexes, and a query into
// words or single characters when it searches: every page that holds the
// query's pieces is found (recall), but so are pages that hold them apart
// (大数据 also finds pages with 大 and 数据 anywhere). Here each result's
// text is checked for every Chinese word of the query as typed, so a result
// holds the exact string; words without Chinese characters are left to
// Pagefind (English keeps its stemming). The search UI loads this module as
// its pagefind.js (bundlePath), so it gets the same API.
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

// Reading a result's text costs one fragment fetch, so the check is bounded on
// large result sets. Up to ALWAYS results are all checked: the answer is exact.
// Beyond that, results are checked in Pagefind's rank order, batch by batch,
// until a batch in which every result held the words (Pagefind matched the
// word whole, as it does for common words like 公安) or MAX_CHECKED; the rest
// pass unchecked.
const BATCH = 25;
const ALWAYS = 200;
const MAX_CHECKED = 2000;
const PARALLEL = 16;

async function dataOf(results) {
  const out = new Array(results.length);
  let next = 0;
  async function worker() {
    while (next < results.length) {
      const i = next++;
      out[i] = await results[i].data();
    }
  }
  await Promise.all(Array.from({length: Math.min(PARALLEL, results.length)}, worker));
  return out;
}

async function exact(found, term) {
  const words = exactWords(term);
  if (!found || !found.results || !words.length) {
    return found;
  }
  const all = found.results;
  const kept = [];
  const keptData = [];
  let checked = 0;
  while (checked < all.length) {
    const batch = all.slice(checked, checked + BATCH);
    const datas = await dataOf(batch);
    let clean = true;
    batch.forEach((result, i) => {
      if (holdsAll(datas[i], words)) {
        kept.push(result);
        keptData.push(datas[i]);
      } else {
        clean = false;
      }
    });
    checked += batch.length;
    if (all.length > ALWAYS && (clean || checked >= MAX_CHECKED)) {
      break;
    }
  }
  const unchecked = all.slice(checked);
  const results = kept.concat(unchecked);
  if (unchecked.length) {
    return {...found, results, unfilteredResultCount: results.length};
  }
  // Everything was checked: the filter counts follow the results that remain.
  const filters = {};
  for (const [name, values] of Object.entries(found.filters || {})) {
    filters[name] = Object.fromEntries(Object.keys(values).map((value) => [value, 0]));
  }
  for (const data of keptData) {
    for (const [name, values] of Object.entries(data.filters || {})) {
      for (const value of values) {
        if (filters[name] && value in filters[name]) {
          filters[name][value] += 1;
        }
      }
    }
  }
  return {...found, results, filters, unfilteredResultCount: results.length};
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
// Pagefind finds no page at all. So when a query finds nothing, each of its Chinese
// words that finds nothing is looked up by its beginnings as whole words (Pagefind's
// quoted mode loads the chunk of the word itself), longest first, and the pages found
// for every word of the query are the candidates the check reads.
async function candidates(found, term, options) {
  if (!found || found.results.length || !exactWords(term).length) {
    return found;
  }
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
  return {...found, results: results || [], unfilteredResultCount: (results || []).length};
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
  return exact(await candidates(await pagefind.search(forPagefind(term), options), term, options), term);
}

export async function debouncedSearch(term, options, timeout) {
  await pagefind.filters();
  const found = await pagefind.debouncedSearch(forPagefind(term), options, timeout);
  return found === null ? null : exact(await candidates(found, term, options), term);
}
