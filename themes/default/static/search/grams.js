// Which pages hold a Chinese word exactly, read from each search part's grams
// (site_builder/build/search_grams.py writes them beside the part's bundle).
//
// For every pair of adjacent Chinese characters of a part's pages, the grams list the
// pages and the positions where it occurs, sharded into bucket files by the pair. A
// page holds a word of n Chinese characters exactly when the word's n-1 pairs occur in
// it at consecutive positions, so a query loads, per part, the part's page list once
// and one bucket per distinct pair of its words: a few files instead of one fragment
// per result. The text indexed is the text pagefind.js checks (the page's fragment
// after plain(), then its title), so the answer is the one the fragments would give.
// The page list also holds each page's filter values, so filter counts over the
// results that hold the query need no fragment either.

// The characters indexed in pairs: the same ranges as search_grams.py's HAN.
const HAN = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}";
const ALL_HAN = new RegExp(`^[${HAN}]{2,}$`, "u");
const HAN_RUN = new RegExp(`[${HAN}]{2,}`, "gu");
const VERSION = 1;

async function unpack(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  const text = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
  return JSON.parse(text);
}

function bucketOf(pair, buckets) {
  const [a, b] = Array.from(pair, (c) => c.codePointAt(0));
  return (a * 40503 + b) % buckets;
}

class PartGrams {
  constructor(base) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.meta = unpack(this.base + "grams/pages.grams").then((meta) => {
      if (meta.version !== VERSION) {
        throw new Error(`${this.base}grams: version ${meta.version}`);
      }
      return meta;
    });
    this.buckets = new Map();  // bucket number → its pairs, as stored
    this.pairs = new Map();  // pair → Map(page index → positions ascending)
    this.filters = null;  // page id → {filter: [values]}, once read
  }

  async where(pair) {
    if (!this.pairs.has(pair)) {
      const k = bucketOf(pair, (await this.meta).buckets);
      if (!this.buckets.has(k)) {
        this.buckets.set(k, unpack(`${this.base}grams/${k}.grams`));
      }
      const encoded = (await this.buckets.get(k))[pair] || [];
      const pages = new Map();
      let page = 0;
      for (let i = 0; i < encoded.length;) {
        page += encoded[i];
        const count = encoded[i + 1];
        const positions = new Array(count);
        let position = 0;
        for (let j = 0; j < count; j++) {
          position += encoded[i + 2 + j];
          positions[j] = position;
        }
        pages.set(page, positions);
        i += 2 + count;
      }
      this.pairs.set(pair, pages);
    }
    return this.pairs.get(pair);
  }

  // The ids of the part's pages that hold `word` (two or more Chinese characters).
  async holding(word) {
    const characters = Array.from(word);
    const pairs = characters.slice(1).map((c, i) => characters[i] + c);
    const [meta, ...where] = await Promise.all([this.meta, ...pairs.map((pair) => this.where(pair))]);
    const ids = new Set();
    for (const [page, starts] of where[0]) {
      const later = where.slice(1).map((pages) => pages.get(page));
      if (later.some((positions) => !positions)) {
        continue;
      }
      const sets = later.map((positions) => new Set(positions));
      if (starts.some((start) => sets.every((set, k) => set.has(start + k + 1)))) {
        ids.add(meta.pages[page]);
      }
    }
    return ids;
  }

  async filtersOf() {
    const meta = await this.meta;
    if (this.filters) {
      return this.filters;
    }
    const filters = new Map();  // page id → {filter: [values]}
    meta.pages.forEach((id, page) => {
      const values = {};
      for (const value of meta.filters[page]) {
        const [name, text] = meta.values[value];
        (values[name] = values[name] || []).push(text);
      }
      filters.set(id, values);
    });
    this.filters = filters;
    return filters;
  }
}

const loaded = new Map();  // part → its PartGrams

function gramsOf(part) {
  if (!loaded.has(part)) {
    loaded.set(part, new PartGrams(part));
  }
  return loaded.get(part);
}

// The page ids each part holds, in the order of `parts`; null when a part has no grams.
export async function partPages(parts) {
  try {
    return await Promise.all(parts.map(async (part) => (await gramsOf(part).meta).pages));
  } catch (error) {
    return null;
  }
}

// What the grams tell of each result of a query over `parts` whose Chinese words are
// `words`: {held(result): true (holds every word), false (lacks one) or undefined (the
// grams cannot tell: a word mixing Chinese with other characters, or a single character
// that Pagefind may have looked up joined to its neighbours), filtersOf(id)}. `sureSingles`:
// Pagefind looked up each word as typed, so its results hold each one-character word.
// Null when a part has no grams (a site indexed before them): the caller reads fragments.
export async function gramCheck(parts, words, sureSingles) {
  if (!parts.length) {
    return null;
  }
  const grams = parts.map(gramsOf);
  let filters;
  try {
    filters = new Map((await Promise.all(grams.map((part) => part.filtersOf()))).flatMap((map) => [...map]));
  } catch (error) {
    return null;
  }
  const runs = [];  // the words, or Chinese runs of words, that the grams decide
  let unsure = false;
  for (const word of words) {
    const decided = ALL_HAN.test(word) ? [word] : word.match(HAN_RUN) || [];
    unsure = unsure || (decided[0] !== word && !(sureSingles && Array.from(word).length === 1));
    runs.push(...decided);
  }
  const exact = await Promise.all(runs.map(async (run) => {
    const sets = await Promise.all(grams.map((part) => part.holding(run)));
    return new Set(sets.flatMap((set) => [...set]));  // the ids of the pages holding it
  }));
  return {
    held: (result) => (exact.every((ids) => ids.has(result.id)) ? (unsure ? undefined : true) : false),
    filtersOf: (id) => filters.get(id),
  };
}
