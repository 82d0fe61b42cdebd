/**
 * Finding a note's quoted passage again on a page whose text may have changed since the note was
 * written. A note keeps a W3C TextQuoteSelector (the passage, a little text either side and where
 * it began); this module turns that back into a range of the page's text, or says the passage is
 * gone so the notes page can list the note as detached.
 *
 * The approach is the one Hypothesis uses: the passage as written first, then an approximate
 * match that tolerates small edits, each candidate scored by how well the passage, the text
 * before it, the text after it and its position agree with what the note remembers. Offsets are
 * UTF-16 code units, as DOM ranges count them.
 */
import approxSearch from 'approx-string-match';
import type { NoteQuote } from './model';

export interface QuoteAnchor {
  /** The passage is `text.slice(start, end)`. */
  start: number;
  end: number;
  /** From 0 to 1: how well the passage, its context and its position agree with the note. */
  score: number;
  /** The passage is on the page exactly as quoted, character for character. */
  exact: boolean;
}

/** Characters of context kept either side of a quote, as `quoteAround` in model.ts keeps. */
export const QUOTE_CONTEXT_LENGTH = 32;

/**
 * A fuzzy match may differ from the quote in up to a quarter of its characters: enough for a fixed
 * typo, an inserted word or changed punctuation, while a different sentence of the same length
 * typically differs in well over half of them.
 */
const MAX_ERROR_RATE = 0.25;
/**
 * The search's cost grows with the errors it allows, so a very long quote gets at most this many,
 * as in Hypothesis: a passage of several thousand characters is still found after a few hundred
 * edits, in tens of milliseconds rather than a second on a long page.
 */
const MAX_ERRORS = 256;

// The weights Hypothesis gives each part of the evidence: the passage counts most, its context
// decides between repeated passages, and the position only breaks the remaining ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Where `quote` is in `text` now, or null when the passage is no longer there. A passage found as
 * written wins over any approximate match; among several copies of it, the one whose surrounding
 * text and position best agree with the note wins.
 */
export function anchorQuote(text: string, quote: NoteQuote): QuoteAnchor | null {
  if (quote.exact.trim() === '') return null;
  return exactAnchor(text, quote) ?? fuzzyAnchor(text, quote);
}

/** The selector for `text.slice(start, end)`, with up to 32 characters of context either side. */
export function quoteSelectorFor(text: string, start: number, end: number): NoteQuote {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.max(from, Math.min(Math.max(start, end), text.length));
  let prefixStart = Math.max(0, from - QUOTE_CONTEXT_LENGTH);
  let suffixEnd = Math.min(text.length, to + QUOTE_CONTEXT_LENGTH);
  // Cutting the context in the middle of a surrogate pair would store half a character, which
  // is not valid Unicode and would never match the page again.
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart += 1;
  if (suffixEnd < text.length && isLowSurrogate(text.charCodeAt(suffixEnd))) suffixEnd -= 1;
  return {
    exact: text.slice(from, to),
    prefix: text.slice(Math.min(prefixStart, from), from),
    suffix: text.slice(to, Math.max(to, suffixEnd)),
    start: from,
  };
}

function exactAnchor(text: string, quote: NoteQuote): QuoteAnchor | null {
  let best: QuoteAnchor | null = null;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const end = at + quote.exact.length;
    const score = scoreCandidate(text, at, end, 1, quote.prefix, quote.suffix, quote.start);
    if (!best || score > best.score) best = { start: at, end, score, exact: true };
  }
  return best;
}

/**
 * The approximate search runs on a folded copy of both texts, so that differences a reader never
 * sees (whitespace reflowed, soft hyphens, typographic quotes, composed or decomposed accents) cost
 * nothing and only real edits count as errors.
 */
function fuzzyAnchor(text: string, quote: NoteQuote): QuoteAnchor | null {
  const page = foldPage(text);
  const exact = foldText(quote.exact).text;
  if (exact.trim() === '') return null;
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * MAX_ERROR_RATE));
  const prefix = foldText(quote.prefix).text;
  const suffix = foldText(quote.suffix).text;
  const hint = quote.start === undefined ? undefined : page.foldedOffset(quote.start);

  let best: { start: number; end: number; score: number } | null = null;
  for (const match of approxSearch(page.text, exact, maxErrors)) {
    if (match.end <= match.start) continue;
    const quoteScore = 1 - match.errors / exact.length;
    const score = scoreCandidate(page.text, match.start, match.end, quoteScore, prefix, suffix, hint);
    if (!best || score > best.score) best = { start: match.start, end: match.end, score };
  }
  if (!best) return null;
  return {
    start: page.starts[best.start]!,
    end: page.ends[best.end - 1]!,
    score: best.score,
    exact: false,
  };
}

function scoreCandidate(
  text: string,
  start: number,
  end: number,
  quoteScore: number,
  prefix: string,
  suffix: string,
  hint: number | undefined,
): number {
  const prefixScore = contextScore(text.slice(Math.max(0, start - prefix.length), start), prefix);
  const suffixScore = contextScore(text.slice(end, end + suffix.length), suffix);
  const positionScore = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
  return (
    (QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore) /
    TOTAL_WEIGHT
  );
}

/**
 * How much of the remembered context `expected` the page still has in `actual`, from 0 to 1. An
 * empty remembered context (a quote at the very start or end of the text) says nothing either
 * way, so it neither helps nor hurts.
 */
function contextScore(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  const errors = approxSearch(actual, expected, expected.length)[0]?.errors ?? expected.length;
  return 1 - errors / expected.length;
}

interface FoldedText {
  text: string;
  /** For each code unit of the folded text, where the characters it came from start and end. */
  starts: Int32Array;
  ends: Int32Array;
  /** The folded offset of an offset in the original text. */
  foldedOffset(original: number): number;
}

/** Characters a reader never sees, which come and go with a page's typesetting. */
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Typographic variants that an edit or a different renderer swaps freely. */
const TYPOGRAPHIC: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201a', "'"],
  ['\u201b', "'"],
  ['\u2032', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u201e', '"'],
  ['\u201f', '"'],
  ['\u2033', '"'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2015', '-'],
  ['\u2212', '-'],
  ['\u2026', '...'],
]);

const COMBINING_MARK = /^\p{M}$/u;
/** No combining mark comes before U+0300, so most characters skip the test. */
const FIRST_COMBINING_MARK = 0x300;
const SPACE = /^\s$/u;

/** Anchoring every note of a page folds the same page text once per note; the last one is kept. */
function foldPage(text: string): FoldedText {
  if (lastPage?.text !== text) lastPage = { text, folded: foldText(text) };
  return lastPage.folded;
}

let lastPage: { text: string; folded: FoldedText } | undefined;

/**
 * Collapses each run of whitespace into one space, drops invisible characters, composes accents
 * (NFC) and plains typographic punctuation, remembering for every folded code unit the span of
 * original text it stands for. A base character and its combining marks fold together, so a match
 * can never split a character in two.
 */
function foldText(original: string): FoldedText {
  const pieces: string[] = [];
  let starts = new Int32Array(original.length + 16);
  let ends = new Int32Array(original.length + 16);
  let length = 0;
  const reserve = (units: number): void => {
    if (length + units <= starts.length) return;
    const grown = Math.max(starts.length * 2, length + units);
    starts = grownArray(starts, grown);
    ends = grownArray(ends, grown);
  };
  const map = (from: number, to: number, units: number): void => {
    reserve(units);
    for (const end = length + units; length < end; length += 1) {
      starts[length] = from;
      ends[length] = to;
    }
  };
  // Text that folds to itself is copied in runs, each character standing for itself.
  let runStart = 0;
  const endRun = (at: number): void => {
    if (at === runStart) return;
    pieces.push(original.slice(runStart, at));
    reserve(at - runStart);
    for (let k = runStart; k < at; k += 1, length += 1) {
      starts[length] = k;
      ends[length] = k + 1;
    }
  };

  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    const next = i + 1 < original.length ? original.charCodeAt(i + 1) : 0;
    const foldsToItself =
      code === 0x20 ? !isSpace(next) : isPlain(code) && (next < FIRST_COMBINING_MARK || isPlain(next));
    if (foldsToItself) {
      i += 1;
      continue;
    }
    endRun(i);
    if (isSpace(code)) {
      let j = i + 1;
      while (j < original.length && isSpace(original.charCodeAt(j))) j += 1;
      pieces.push(' ');
      map(i, j, 1);
      i = j;
    } else if (INVISIBLE.has(code)) {
      i += 1;
    } else {
      let j = i + (isHighSurrogate(code) && isLowSurrogate(next) ? 2 : 1);
      while (j < original.length && original.charCodeAt(j) >= FIRST_COMBINING_MARK) {
        const mark = original.codePointAt(j)!;
        if (!COMBINING_MARK.test(String.fromCodePoint(mark))) break;
        j += mark > 0xffff ? 2 : 1;
      }
      const plain = (j === i + 1 ? TYPOGRAPHIC.get(original[i]!) : undefined) ?? original.slice(i, j).normalize('NFC');
      pieces.push(plain);
      map(i, j, plain.length);
      i = j;
    }
    runStart = i;
  }
  endRun(original.length);

  const foldedStarts = starts.subarray(0, length);
  return {
    text: pieces.join(''),
    starts: foldedStarts,
    ends: ends.subarray(0, length),
    foldedOffset(offset: number): number {
      // The first folded unit that comes from at or after `offset`: a binary search, since the
      // starts only ever grow.
      let lo = 0;
      let hi = foldedStarts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (foldedStarts[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

function grownArray(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/**
 * Code units of the common scripts that fold to themselves whatever comes next and are never a
 * combining mark: visible ASCII and Latin, Cyrillic, kana, CJK ideographs and Hangul syllables.
 * Everything else takes the slower, careful path.
 */
function isPlain(code: number): boolean {
  return (
    (code > 0x20 && code < 0x7f) ||
    (code > 0xa0 && code < FIRST_COMBINING_MARK && code !== 0xad) ||
    (code >= 0x400 && code <= 0x482) ||
    (code >= 0x48a && code <= 0x52f) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7a3)
  );
}

function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return !INVISIBLE.has(code) && SPACE.test(String.fromCharCode(code));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
