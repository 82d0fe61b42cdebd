import { describe, expect, it } from 'vitest';
import { characterClasses, foldTable, lowerCaseLetters } from '../../utils/detect/text';

/**
 * The tables as first written, one plain test per character: the built tables take shortcuts
 * (skipped ranges, hoisted tests) to be quick on a cold start, and must still say the same.
 */
function reference(): { cls: Uint8Array; fold: Uint16Array; lower: Uint8Array } {
  const cls = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  const lower = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    fold[code] = code;
    if (code >= 0xd800 && code <= 0xdfff) {
      cls[code] = 1;
      continue;
    }
    const ch = String.fromCharCode(code);
    if (/[\p{L}\p{M}\p{N}]/u.test(ch)) {
      cls[code] = 1;
      if (ch !== ch.toUpperCase() && ch === ch.toLowerCase()) lower[code] = 1;
      const nfd = ch.normalize('NFD');
      const base = /^.\p{M}+$/u.test(nfd) ? nfd[0]! : ch;
      const low = base.toLowerCase();
      if (low.length === 1) fold[code] = low.charCodeAt(0);
      else if (ch.toLowerCase().length === 1) fold[code] = ch.toLowerCase().charCodeAt(0);
    } else if (/\s/u.test(ch)) {
      cls[code] = 2;
      fold[code] = 0x20;
    }
  }
  for (const ch of '\u2019\u2018\u02BC\u2032\u00B4\u0060') fold[ch.charCodeAt(0)] = 0x27;
  for (const ch of '\u2010\u2011') fold[ch.charCodeAt(0)] = 0x2d;
  for (const ch of '\u00AD\u200B\u200C\u200D\u2060\uFEFF') cls[ch.charCodeAt(0)] = 3;
  return { cls, fold, lower };
}

/** The code points where two tables differ, as hex, for a readable failure. */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i.toString(16));
  return out;
}

describe('character tables', () => {
  const expected = reference();

  it('classify every character of the Basic Multilingual Plane as the plain per-character test does', () => {
    expect(differences(characterClasses(), expected.cls)).toEqual([]);
  });

  it('fold every character as the plain per-character test does', () => {
    expect(differences(foldTable(), expected.fold)).toEqual([]);
    // Spot checks a reader would make: diacritics go, but ø is a letter of its own.
    const fold = foldTable();
    expect(String.fromCharCode(...[...'Sánchez Škoda Ærø'].map((c) => fold[c.charCodeAt(0)]!))).toBe(
      'sanchez skoda ærø',
    );
  });

  it('mark the lower-case letters among word characters as the plain test does', () => {
    const cls = characterClasses();
    const wordOnly = expected.lower.map((v, i) => (cls[i] === 1 ? v : 0));
    expect(differences(lowerCaseLetters(), wordOnly)).toEqual([]);
    expect(lowerCaseLetters()['é'.charCodeAt(0)]).toBe(1);
    expect(lowerCaseLetters()['É'.charCodeAt(0)]).toBe(0);
  });
});
