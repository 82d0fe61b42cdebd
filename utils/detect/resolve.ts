/**
 * From candidates to mentions: which entity a form means on this page, how sure we are, and which
 * of overlapping candidates wins.
 *
 * Rules, in the order they apply:
 * - a form written against its case rules is no mention ("apple pie", "us"), and neither is a
 *   word the pack declares is not the entity's name (Dutch "Nederlands", the language);
 * - nothing inside a URL or an e-mail address;
 * - a name that is also an ordinary word needs evidence, declared per entity in the pack: a word
 *   against it close by vetoes it; one of its context words nearby confirms it (the nearest
 *   evidence wins when two entities share the name); so does another entity of the same kind
 *   close by. Without those, a name at the start of a sentence, where everything is capitalised,
 *   or in German, which capitalises every noun, stays unmarked; elsewhere it counts when the page
 *   confirmed the entity or names a related one;
 * - a short form ("Huang") means the one person named in full on the page who has it; with two
 *   such people ("Wang" and "Wang") it stays unmarked, and so does a short form that is an
 *   ordinary word of the language at the start of a sentence ("Su empresa");
 * - of overlapping candidates the longest wins, then the most confident.
 */
import type { Lang } from '../knowledge/types';
import { matchesCanonical, type Candidate, type FormEntry, type FormMatch, type Gazetteer } from './gazetteer';
import { isStopword, titlesFor } from './languages';
import { canonicalSurface, foldKey } from './text';

export interface Mention {
  /** Index of the block the mention is in. */
  block: number;
  start: number;
  end: number;
  entityId: string;
  confidence: number;
}

/** What detection remembers about a page between batches of text (live pages add text later). */
export interface PageContext {
  lang: Lang;
  /** Entities named in full so far: their short forms now refer to them. */
  named: string[];
  /** Ambiguous entities already confirmed by evidence on this page. */
  confirmed: string[];
}

export interface DetectResult {
  mentions: Mention[];
  context: PageContext;
}

export const MIN_CONFIDENCE = 0.5;
/** How far around a mention context words count as evidence for it, in characters. */
const EVIDENCE_WINDOW = 250;
/** Words against an entity veto it only right beside it ("Rome Beauty", "Nikola Tesla", "3 Tesla"). */
const AGAINST_WINDOW = 30;
/** German capitalises every noun, so a capital letter there says nothing about a name. */
const CAPITALISES_NOUNS = new Set(['de', 'lb']);

interface Scored {
  block: number;
  start: number;
  end: number;
  entity: number;
  confidence: number;
}

interface Pending extends Scored {
  sentenceStart: boolean;
  /** At the start of the text or after a full stop: where every word is capitalised. */
  afterFullStop: boolean;
}

const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

function excludedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes('://') && !text.includes('www.') && !text.includes('@')) return spans;
  for (const m of text.matchAll(URL_OR_EMAIL)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function precedingTitle(text: string, start: number, lang: Lang): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const match = /(\S+)(?:\s+(\S+))?\s+$/u.exec(before);
  if (!match) return false;
  const titles = titlesFor(lang);
  const last = (match[2] ?? match[1] ?? '').toLowerCase();
  const lastTwo = match[2] ? `${match[1]} ${match[2]}`.toLowerCase() : '';
  return titles.has(last) || (lastTwo !== '' && titles.has(lastTwo));
}

const OPENERS = new Set([...' \t\n\u00a0"\'„“”«»‹›‚‘’()[]¿¡-–—']);
const ENDERS = new Set([...'.!?…:;']);

/** Whether a word at `start` begins a sentence (or a block), where capitals prove nothing. */
export function atSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && OPENERS.has(text[i]!)) i--;
  return i < 0 || ENDERS.has(text[i]!);
}

/** A Title-case word, not a stopword, directly before or after [start, end), in the same sentence. */
function withinLongerName(text: string, start: number, end: number, lang: Lang): boolean {
  const isNamePart = (word: string | undefined) =>
    !!word && /^\p{Lu}\p{Ll}/u.test(word) && !isStopword(word, lang) && !titlesFor(lang).has(word.toLowerCase());
  const before = /(?:^|\s)(\p{L}+) $/u.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  const after = /^ (\p{L}+)/u.exec(text.slice(end, end + 40))?.[1];
  return isNamePart(before) || isNamePart(after);
}

function afterFullStop(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && OPENERS.has(text[i]!)) i--;
  return i < 0 || '.!?…'.includes(text[i]!);
}

/**
 * The distance in characters from the mention to the nearest of `words` (folded; a word may be
 * a phrase of up to four words, "App Store") within `window` on either side, or Infinity.
 */
function evidenceDistance(text: string, start: number, end: number, words: Set<string>, window: number): number {
  if (words.size === 0) return Infinity;
  let best = Infinity;
  const scan = (from: number, to: number, distanceOf: (index: number, length: number) => number) => {
    const part = text.slice(from, to);
    const folded = foldKey(part);
    const tokens: { word: string; at: number }[] = [];
    for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) tokens.push({ word: m[0], at: m.index });
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (words.has(t.word) || words.has(withoutEnding(t.word))) best = Math.min(best, distanceOf(t.at, t.word.length));
      // Evidence may be a phrase of up to four words ("centros de datos").
      let phrase = t.word;
      for (let j = i + 1; j < Math.min(tokens.length, i + 4); j++) {
        const u = tokens[j]!;
        phrase += ` ${u.word}`;
        if (words.has(phrase)) best = Math.min(best, distanceOf(t.at, u.at + u.word.length - t.at));
      }
    }
  };
  // foldKey keeps one unit per character except collapsed spaces, so positions are close enough.
  const from = Math.max(0, start - window);
  scan(from, start, (at, length) => start - (from + at + length));
  const to = Math.min(text.length, end + window);
  scan(end, to, (at) => at);
  return best;
}

/**
 * A word without a common inflection ending, so "Werks" counts for "Werk" and "chips" for "chip".
 * Crude on purpose: it only ever compares against the pack's own evidence words.
 */
function withoutEnding(word: string): string {
  for (const ending of ['es', 'en', 's', 'n', 'e']) {
    if (word.length > ending.length + 3 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * A mixed-case name written in capitals inside ordinary text ("„BILD“ und „WELT“") is styled as a
 * name; in a headline set in capitals it proves nothing.
 */
function styledInCapitals(text: string, start: number, end: number, form: FormEntry): boolean {
  const written = text.slice(start, end);
  if (written !== written.toUpperCase() || form.surface === form.surface.toUpperCase()) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper < letters.length * 0.5;
}

/**
 * An acronym that is also a common word of the page's language, in a line set in capitals: there
 * the word is meant ("ASML VOELT DRUK UIT WASHINGTON" is Dutch "uit", not the ITU's French "UIT").
 */
function wordInCapitals(text: string, start: number, end: number, lang: Lang): boolean {
  const written = text.slice(start, end);
  if (written !== written.toUpperCase() || !isStopword(written, lang)) return false;
  const around = text.slice(Math.max(0, start - 30), end + 30).replace(/[^\p{L}]/gu, '');
  return around.length > written.length && around === around.toUpperCase();
}

export function detectMentions(gazetteer: Gazetteer, blocks: readonly string[], context: PageContext): DetectResult {
  const { lang } = context;
  const named = new Set(context.named);
  const confirmed = new Set(context.confirmed);
  const accepted: Scored[] = [];
  const ambiguous: Pending[] = [];
  const shortSpans = new Map<
    string,
    {
      block: number;
      start: number;
      end: number;
      /** Every person the short form written there could mean. */
      people: Set<number>;
      titled: boolean;
      sentenceStart: boolean;
      written: string;
    }
  >();

  const addShort = (candidate: Candidate, entity: number, text: string, block: number) => {
    const key = `${block}:${candidate.start}:${candidate.end}`;
    const known = shortSpans.get(key);
    if (known) {
      known.people.add(entity);
      return;
    }
    shortSpans.set(key, {
      block,
      start: candidate.start,
      end: candidate.end,
      people: new Set([entity]),
      titled: precedingTitle(text, candidate.start, lang),
      sentenceStart: atSentenceStart(text, candidate.start),
      written: text.slice(candidate.start, candidate.nameEnd),
    });
  };

  blocks.forEach((text, block) => {
    const excluded = excludedSpans(text);
    const candidates = gazetteer.scan(text, lang);
    // What was written at a span, in canonical form, is shared by every form found there.
    const writtenAt = new Map<string, string>();
    const canonicalAt = (c: Candidate) => {
      const key = `${c.start}:${c.nameEnd}`;
      let written = writtenAt.get(key);
      if (written === undefined) {
        written = canonicalSurface(text.slice(c.start, c.nameEnd));
        writtenAt.set(key, written);
      }
      return written;
    };
    // Words the pack says are not an entity's name ("Nederlands") silence that entity there.
    // Where a form the pack declares is not an entity's name was written: start and entity → end.
    // It rules out that entity's names starting there and not reaching past it ("Bild:" in a photo
    // credit is not the newspaper Bild, "Nederlands" not Nederland's genitive).
    const notNames = new Map<string, number>();
    const valid: { candidate: Candidate; form: FormEntry; match: Exclude<FormMatch, false> }[] = [];
    for (const candidate of candidates) {
      const excludedHere = excluded.some(([a, b]) => candidate.start < b && candidate.end > a);
      const written = canonicalAt(candidate);
      // Forms at one node share their folded key and mostly their spelling ("Wang" for every Wang):
      // each distinct spelling is checked once.
      const verdicts = new Map<number, FormMatch>();
      const verdict = (f: number, caseSensitive?: boolean) => {
        const form = gazetteer.form(f);
        return matchesCanonical(written, caseSensitive === undefined ? form : { ...form, caseSensitive });
      };
      for (const f of gazetteer.formsAt(candidate.node)) {
        const kind = gazetteer.formKindOf(f);
        const entity = gazetteer.formEntityOf(f);
        if (kind === 'not') {
          if (verdict(f, false)) {
            const key = `${candidate.start}:${entity}`;
            notNames.set(key, Math.max(notNames.get(key) ?? 0, candidate.end));
          }
          continue;
        }
        if (excludedHere) continue;
        const surfaceKey = gazetteer.formSurfaceKey(f);
        let match = verdicts.get(surfaceKey);
        if (match === undefined) {
          match = verdict(f);
          verdicts.set(surfaceKey, match);
        }
        if (!match) continue;
        if (kind === 'short') {
          addShort(candidate, entity, text, block);
          continue;
        }
        valid.push({ candidate, form: gazetteer.form(f), match });
      }
    }
    // Of several forms of one entity starting at one place, only the longest that fits its case
    // rules is judged: "Mistral" must not borrow "AI" from "Mistral AI" as its evidence.
    const furthest = new Map<string, number>();
    for (const v of valid) {
      const key = `${v.candidate.start}:${v.form.entity}:${v.form.kind}`;
      furthest.set(key, Math.max(furthest.get(key) ?? 0, v.candidate.end));
    }
    for (const { candidate, form, match } of valid) {
      if (furthest.get(`${candidate.start}:${form.entity}:${form.kind}`) !== candidate.end) continue;
      if (candidate.end <= (notNames.get(`${candidate.start}:${form.entity}`) ?? -1)) continue;
      if (wordInCapitals(text, candidate.start, candidate.nameEnd, lang)) continue;
      const sentenceStart = atSentenceStart(text, candidate.start);
      let confidence = match === 'exact' ? 0.97 : match === 'case' ? 0.92 : 0.85;
      if (candidate.end !== candidate.nameEnd) confidence -= 0.04;
      const entity = form.entity;
      const against = gazetteer.against(entity);
      if (evidenceDistance(text, candidate.start, candidate.end, against, AGAINST_WINDOW) < Infinity) continue;
      const scored = { block, start: candidate.start, end: candidate.end, entity, confidence };
      const evidence = gazetteer.evidence(entity);
      // A place name that is also a word or a surname, right beside another capitalised word, is
      // part of a longer name: "Raimunda Pereira", "Luis Ferreira Santos".
      if (
        evidence.size > 0 &&
        gazetteer.entityType(entity) === 'place' &&
        !CAPITALISES_NOUNS.has(lang) &&
        withinLongerName(text, candidate.start, candidate.end, lang)
      ) {
        continue;
      }
      if (evidence.size === 0) {
        accepted.push(scored);
        continue;
      }
      // A form that carries its own evidence ("All-In Podcast") or is styled as a name needs no more.
      const selfEvident =
        styledInCapitals(text, candidate.start, candidate.nameEnd, form) ||
        foldKey(text.slice(candidate.start, candidate.nameEnd))
          .split(/[^\p{L}\p{N}]+/u)
          .some((word) => evidence.has(word));
      const distance = selfEvident
        ? 0
        : evidenceDistance(text, candidate.start, candidate.end, evidence, EVIDENCE_WINDOW);
      if (distance < Infinity) {
        confirmed.add(gazetteer.entityId(entity));
        // The nearer the evidence, the surer: of two entities sharing a name, the nearer one wins.
        accepted.push({ ...scored, confidence: confidence - 0.1 * (distance / EVIDENCE_WINDOW) });
      } else {
        ambiguous.push({ ...scored, sentenceStart, afterFullStop: afterFullStop(text, candidate.start) });
      }
    }
  });

  // Ambiguous names without evidence of their own: another entity of the same kind close by, or
  // (away from a sentence start) an entity confirmed or related on this page, settles them.
  let pending = ambiguous;
  for (let round = 0; round < 2 && pending.length > 0; round++) {
    for (const s of accepted) named.add(gazetteer.entityId(s.entity));
    const still: Pending[] = [];
    for (const s of pending) {
      const id = gazetteer.entityId(s.entity);
      const type = gazetteer.entityType(s.entity);
      const sameKindNearby = accepted.some(
        (o) =>
          o.block === s.block &&
          o.entity !== s.entity &&
          gazetteer.entityType(o.entity) === type &&
          Math.abs(o.start - s.start) <= EVIDENCE_WINDOW,
      );
      // After a full stop the capital says nothing, and places cluster, so a neighbouring place
      // does not make "Riverside communities…" a city: there a place needs evidence of its own.
      if (sameKindNearby && !(type === 'place' && s.afterFullStop)) {
        confirmed.add(id);
        accepted.push({ ...s, confidence: 0.85 });
      } else if (
        !s.sentenceStart &&
        !CAPITALISES_NOUNS.has(lang) &&
        (confirmed.has(id) || gazetteer.related(s.entity).some((r) => named.has(r)))
      ) {
        confirmed.add(id);
        accepted.push({ ...s, confidence: 0.8 });
      } else {
        still.push(s);
      }
    }
    pending = still;
  }
  for (const s of accepted) named.add(gazetteer.entityId(s.entity));

  const scored: Scored[] = [...accepted];
  for (const { block, start, end, people, titled, sentenceStart, written } of shortSpans.values()) {
    // "Su empresa…": a short form that is an ordinary word, where capitals prove nothing.
    if (sentenceStart && !titled && isStopword(written, lang)) continue;
    const namedPeople = [...people].filter((e) => named.has(gazetteer.entityId(e)));
    let entity = -1;
    let confidence = 0;
    if (namedPeople.length === 1) {
      entity = namedPeople[0]!;
      confidence = titled ? 0.9 : 0.85;
    } else if (namedPeople.length === 0 && people.size === 1 && titled) {
      entity = [...people][0]!;
      confidence = 0.6;
    }
    if (entity >= 0) scored.push({ block, start, end, entity, confidence });
  }

  return {
    mentions: selectLongest(scored).map((s) => ({
      block: s.block,
      start: s.start,
      end: s.end,
      entityId: gazetteer.entityId(s.entity),
      confidence: Math.round(s.confidence * 100) / 100,
    })),
    context: { lang, named: [...named], confirmed: [...confirmed] },
  };
}

/**
 * Leftmost-longest selection: among overlapping candidates the longest wins, then the most
 * confident; two entities tied on both at the same span are left unmarked rather than guessed.
 */
function selectLongest(scored: Scored[]): Scored[] {
  const byBlock = new Map<number, Scored[]>();
  for (const s of scored) {
    if (s.confidence < MIN_CONFIDENCE) continue;
    const list = byBlock.get(s.block) ?? [];
    list.push(s);
    byBlock.set(s.block, list);
  }
  const out: Scored[] = [];
  for (const block of [...byBlock.keys()].sort((a, b) => a - b)) {
    const list = byBlock.get(block)!.sort((a, b) => a.start - b.start || b.end - a.end || b.confidence - a.confidence);
    let covered = -1;
    for (const s of list) {
      if (s.start < covered) continue;
      covered = s.end;
      const tie = list.some(
        (o) =>
          o !== s && o.start === s.start && o.end === s.end && o.confidence === s.confidence && o.entity !== s.entity,
      );
      if (!tie) out.push(s);
    }
  }
  return out;
}
