// The search API as the search page's UI gets it: ../pagefind.js (exact matching for
// Chinese words) with two things the UI cannot do itself. The UI imports its API as
// `${bundlePath}pagefind.js`, so this file bears that name in a folder of its own.
//
// 1. Sorting by date across the index's parts. Pagefind sorts each part's results (its
//    score becomes the count of results after it) and then merges the parts by score, so
//    the merged list is not in date order (the largest part came first). The parts are
//    runs of dates, listed oldest first by the search page (site_builder/site/site.py), so
//    results asked for in date order are put in order of their part, newest first, each
//    part's in Pagefind's order; the part of a result is told by the page ids in the part's
//    grams (grams.js), loaded once. Without grams (a site indexed before them) each result
//    is read for the date in its address (/YYYY/MM/DD/), a fragment each, PARALLEL at a time.
// 2. Long filter groups. The UI draws every value of every group, with a checkbox and a
//    label each: 9,000 authors at 10,000 articles were 28,000 nodes and froze the page for
//    seconds. A group is cut to its SHOWN most frequent values (and the ticked ones, and
//    those that hold the text typed into the page's filter box, see narrow()).
import * as exact from "../pagefind.js";
import {partPages} from "../grams.js";
export * from "../pagefind.js";

export const SHOWN = 30;
const PARALLEL = 16;
const DAY = /\/(\d{4})\/(\d{2})\/(\d{2})\//;

let wanted = "";  // the text of the page's filter box: values holding it are shown too

export function narrow(text) {
  wanted = (text || "").trim().toLocaleLowerCase();
}

// How many values each long group has in all (the page says "30 of 9,000").
export const sizes = {};

function trimmed(filters, options) {
  if (!filters) {
    return filters;
  }
  const ticked = (options && options.filters) || {};
  const out = {};
  for (const [name, values] of Object.entries(filters)) {
    const entries = Object.entries(values || {});
    if (entries.length <= SHOWN) {
      out[name] = values;
      delete sizes[name];
      continue;
    }
    sizes[name] = entries.length;
    const keep = new Set([].concat(ticked[name] || []));
    entries.filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]).slice(0, SHOWN)
      .forEach(([value]) => keep.add(value));
    if (wanted) {
      entries.filter(([value]) => value.toLocaleLowerCase().includes(wanted)).slice(0, SHOWN)
        .forEach(([value]) => keep.add(value));
    }
    // The most frequent first (the UI lists them as given), the ticked and found ones included.
    out[name] = Object.fromEntries(entries.filter(([value]) => keep.has(value)).sort((a, b) => b[1] - a[1]));
  }
  return out;
}

const parts = [];  // the bundles loaded, oldest first: the primary one, then those merged
let partRanks = null;  // page id → its part's place from the newest; null until asked for

export async function options(settings) {
  if (settings && settings.basePath) {
    parts.splice(0, 1, settings.basePath);
    partRanks = null;
  }
  return exact.options(settings);
}

export async function mergeIndex(path, settings) {
  parts.push(path);
  partRanks = null;
  return exact.mergeIndex(path, settings);
}

async function ranksOfParts() {
  if (partRanks === null) {
    partRanks = partPages(parts.slice()).then((lists) => {
      if (!lists) {
        return undefined;
      }
      const ranks = new Map();
      lists.forEach((ids, i) => ids.forEach((id) => ranks.set(id, lists.length - 1 - i)));
      return ranks;
    });
  }
  return partRanks;
}

async function inDateOrder(response) {
  const results = response.results;
  const ranks = parts.length > 1 ? await ranksOfParts() : new Map();
  if (ranks) {
    // Within a part Pagefind's order is already the date order (a stable sort keeps it).
    const rank = (result) => (ranks.has(result.id) ? ranks.get(result.id) : parts.length);
    return {...response, results: results.slice().sort((a, b) => rank(a) - rank(b))};
  }
  const days = new Array(results.length);
  let next = 0;
  const worker = async () => {
    while (next < results.length) {
      const i = next++;
      const data = await results[i].data();
      const day = DAY.exec((data && data.url) || "");
      days[i] = day ? day[1] + day[2] + day[3] : "";
    }
  };
  await Promise.all(Array.from({length: Math.min(PARALLEL, results.length)}, worker));
  const order = results.map((result, i) => i).sort((a, b) => (days[a] < days[b] ? 1 : days[a] > days[b] ? -1 : a - b));
  return {...response, results: order.map((i) => results[i])};
}

let told = null;

// The page is told of each answer as the UI gets it (after the date order, which takes a while).
export function onShown(callback) {
  told = callback;
}

async function shown(response, options) {
  if (!response) {
    return response;
  }
  let out = {...response, filters: trimmed(response.filters, options)};
  if (options && options.sort && options.sort.date && out.results) {
    out = await inDateOrder(out);
  }
  told?.(out);
  return out;
}

export async function search(term, options) {
  return shown(await exact.search(term, options), options);
}

export async function debouncedSearch(term, options, timeout) {
  return shown(await exact.debouncedSearch(term, options, timeout), options);
}

export async function filters() {
  return trimmed(await exact.filters(), {});
}
