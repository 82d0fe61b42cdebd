/**
 * Character classes and folding for the matcher.
 *
 * Folding maps every UTF-16 code unit to exactly one code unit, so offsets into folded text are
 * offsets into the original text: the matcher walks the folded text and reports spans the page can
 * use as they are. Both tables are built once, lazily, over the whole Basic Multilingual Plane.
 */

const WORD = 1;
const SPACE = 2;
const IGNORABLE = 3;

let classes: Uint8Array | undefined;
let lowers: Uint8Array | undefined;
let folds: Uint16Array | undefined;

const APOSTROPHES = '\u2019\u2018\u02BC\u2032\u00B4\u0060';
const HYPHENS = '\u2010\u2011';
// Soft hyphen and zero-width characters may sit inside a word without breaking it.
const IGNORABLES = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';

// Built once per context, and that is on the path of a cold start: the worker's first scan and
// the popup's first list both wait for it. So the tests are hoisted (a RegExp literal inside the
// loop is a new object per character), and ranges where nothing folds are skipped.
const WORD_TEST = /[\p{L}\p{M}\p{N}]/u;
const SPACE_TEST = /\s/u;
const BASE_AND_MARKS = /^.\p{M}+$/u;

/**
 * CJK ideographs and Hangul syllables: letters without case, which fold to themselves. Hangul
 * decomposes, but into letters (jamo) rather than a base and marks, so it stays whole, or 김민석
 * would equal 김문수; ideographs do not decompose.
 */
function foldsToItself(code: number): boolean {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3);
}

function buildTables(): void {
  const cls = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  const lower = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    fold[code] = code;
    // Surrogates only occur in pairs for characters outside the BMP; those are letters of
    // historic or CJK-extension scripts far more often than anything else, so treat them as word
    // characters rather than splitting a name written in them.
    if (code >= 0xd800 && code <= 0xdfff) {
      cls[code] = WORD;
      continue;
    }
    if (foldsToItself(code)) {
      cls[code] = WORD;
      continue;
    }
    const ch = String.fromCharCode(code);
    if (WORD_TEST.test(ch)) {
      cls[code] = WORD;
      const lowerCh = ch.toLowerCase();
      if (ch === lowerCh && ch !== ch.toUpperCase()) lower[code] = 1;
      // A letter with diacritics folds to its base letter.
      const nfd = ch.normalize('NFD');
      const base = nfd !== ch && BASE_AND_MARKS.test(nfd) ? nfd[0]! : ch;
      const folded = base === ch ? lowerCh : base.toLowerCase();
      if (folded.length === 1) fold[code] = folded.charCodeAt(0);
      else if (lowerCh.length === 1) fold[code] = lowerCh.charCodeAt(0);
      // A combining mark folds to nothing useful; keep it so offsets stay aligned. The trie never
      // contains marks because aliases are folded the same way and NFC-normalised first.
    } else if (SPACE_TEST.test(ch)) {
      cls[code] = SPACE;
      fold[code] = 0x20;
    }
  }
  for (const ch of APOSTROPHES) fold[ch.charCodeAt(0)] = 0x27;
  for (const ch of HYPHENS) fold[ch.charCodeAt(0)] = 0x2d;
  for (const ch of IGNORABLES) cls[ch.charCodeAt(0)] = IGNORABLE;
  classes = cls;
  folds = fold;
  lowers = lower;
}

function table(): { cls: Uint8Array; fold: Uint16Array } {
  if (!classes || !folds) buildTables();
  return { cls: classes!, fold: folds! };
}

/** The folding table (one code unit for one), for loops that fold as they go. */
export function foldTable(): Uint16Array {
  if (!folds) buildTables();
  return folds!;
}

/**
 * 1 for every lower-case letter (one with a distinct capital) among word characters, for the
 * scan's first test, which only looks at the first character of a word.
 */
export function lowerCaseLetters(): Uint8Array {
  if (!lowers) buildTables();
  return lowers!;
}

/** The character classes, for loops that test every character (no call per character). */
export function characterClasses(): Uint8Array {
  if (!classes) buildTables();
  return classes!;
}

export const WORD_CLASS = WORD;
export const IGNORABLE_CLASS = IGNORABLE;

export function isWordCode(code: number): boolean {
  return (classes ?? characterClasses())[code] === WORD;
}

/** The folded form of an alias as the trie stores it: NFC first, runs of spaces collapsed. */
export function foldKey(alias: string): string {
  const nfc = alias.normalize('NFC').trim();
  const { fold, cls } = table();
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    if (cls[code] === IGNORABLE) continue;
    const f = fold[code]!;
    if (f === 0x20) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    out += String.fromCharCode(f);
  }
  return out;
}

/** Apostrophes, hyphens and spaces unified but case and diacritics kept, for exact comparisons. */
export function canonicalSurface(text: string): string {
  // Most names are plain letters and single spaces, below the combining marks: nothing to change.
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) {
    const code = text.charCodeAt(i);
    if (
      code >= 0x300 ||
      code === 0xa0 ||
      code === 0xad ||
      code === 0xb4 ||
      (code < 0x41 && code !== 0x20 && code !== 0x2e && code !== 0x2d && (code < 0x30 || code > 0x39))
    ) {
      plain = false;
    } else if (code === 0x20 && (i === 0 || text.charCodeAt(i - 1) === 0x20)) plain = false;
  }
  if (plain) return text;
  return text
    .normalize('NFC')
    .replace(new RegExp(`[${APOSTROPHES}]`, 'gu'), "'")
    .replace(new RegExp(`[${HYPHENS}]`, 'gu'), '-')
    .replace(new RegExp(`[${IGNORABLES}]`, 'gu'), '')
    .replace(/\s+/gu, ' ');
}

export function isUpperCaseLetter(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLowerCaseLetter(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Acronyms and codes ("TSMC", "H20", "EU", "U.S.") carry no lower-case letter. */
export function looksLikeCode(alias: string): boolean {
  let upper = 0;
  for (const ch of alias) {
    if (isLowerCaseLetter(ch)) return false;
    if (isUpperCaseLetter(ch)) upper++;
  }
  return upper > 0;
}
