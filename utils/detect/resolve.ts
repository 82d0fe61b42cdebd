/**
 * From candidates to mentions: which entity a form means on this page, how sure we are, and which
 * of overlapping candidates wins.
 *
 * Rules, in the order they apply:
 * - a form written against its case rules is no mention ("apple pie", "us");
 * - a name that is also an ordinary word needs evidence: one of its pack's context words nearby,
 *   or a related entity named on the page;
 * - a short form ("Huang") means the one person named in full on the page who has it; with two
 *   such people ("Wang" and "Wang") it stays unmarked;
 * - nothing inside a URL or an e-mail address;
 * - of overlapping candidates the longest wins, then the most confident.
 */
import type { Lang } from '../knowledge/types';
import { formMatches, type Candidate, type Gazetteer } from './gazetteer';
import { titlesFor } from './languages';
import { foldKey } from './text';

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
const EVIDENCE_WINDOW = 250;

interface Scored {
  block: number;
  start: number;
  end: number;
  entity: number;
  confidence: number;
}

const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

function excludedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
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

/**
 * Whether one of `words` (folded; a word may be several words long, "App Store") stands within
 * the evidence window around [start, end), the mention itself excluded.
 */
function hasEvidenceWord(text: string, start: number, end: number, words: Set<string>): boolean {
  if (words.size === 0) return false;
  const from = Math.max(0, start - EVIDENCE_WINDOW);
  const to = Math.min(text.length, end + EVIDENCE_WINDOW);
  const around = `${text.slice(from, start)} \u0000 ${text.slice(end, to)}`;
  const tokens = foldKey(around).split(/[^\p{L}\p{N}\u0000]+/u);
  for (let i = 0; i < tokens.length; i++) {
    if (words.has(tokens[i]!)) return true;
    if (i + 1 < tokens.length && words.has(`${tokens[i]} ${tokens[i + 1]}`)) return true;
  }
  return false;
}

export function detectMentions(gazetteer: Gazetteer, blocks: readonly string[], context: PageContext): DetectResult {
  const { lang } = context;
  const named = new Set(context.named);
  const confirmed = new Set(context.confirmed);
  const full: Scored[] = [];
  const shortForms: { candidate: Candidate; block: number; titled: boolean }[] = [];
  const ambiguous: Scored[] = [];

  blocks.forEach((text, block) => {
    const excluded = excludedSpans(text);
    for (const candidate of gazetteer.scan(text, lang)) {
      if (excluded.some(([a, b]) => candidate.start < b && candidate.end > a)) continue;
      const form = gazetteer.forms[candidate.form]!;
      const match = formMatches(text.slice(candidate.start, candidate.nameEnd), form);
      if (!match) continue;
      if (form.kind === 'short') {
        shortForms.push({ candidate, block, titled: precedingTitle(text, candidate.start, lang) });
        continue;
      }
      let confidence = match === 'exact' ? 0.97 : match === 'case' ? 0.92 : 0.85;
      if (candidate.end !== candidate.nameEnd) confidence -= 0.04;
      const info = gazetteer.entities[form.entity]!;
      if (hasEvidenceWord(text, candidate.start, candidate.end, info.against)) continue;
      const scored = { block, start: candidate.start, end: candidate.end, entity: form.entity, confidence };
      if (info.evidence.size > 0 && !confirmed.has(info.id)) {
        if (hasEvidenceWord(text, candidate.start, candidate.end, info.evidence)) {
          confirmed.add(info.id);
        } else {
          ambiguous.push(scored);
          continue;
        }
      }
      full.push(scored);
    }
  });

  for (const s of full) named.add(gazetteer.entities[s.entity]!.id);
  // A related entity named anywhere on the page confirms an ambiguous one ("Tesla" beside Musk).
  for (const s of ambiguous) {
    const info = gazetteer.entities[s.entity]!;
    if (confirmed.has(info.id) || info.related.some((id) => named.has(id))) {
      confirmed.add(info.id);
      full.push(s);
      named.add(info.id);
    } else {
      full.push({ ...s, confidence: 0.35 });
    }
  }

  const scored: Scored[] = [...full];
  for (const { candidate, block, titled } of shortForms) {
    const form = gazetteer.forms[candidate.form]!;
    const id = gazetteer.entities[form.entity]!.id;
    // Every person this short form could mean, and which of them the page named in full.
    const sameForm = shortForms.filter(
      (o) => o.block === block && o.candidate.start === candidate.start && o.candidate.end === candidate.end,
    );
    const people = new Set(sameForm.map((o) => gazetteer.forms[o.candidate.form]!.entity));
    const namedPeople = [...people].filter((e) => named.has(gazetteer.entities[e]!.id));
    let confidence = 0;
    if (namedPeople.length === 1 && named.has(id)) confidence = titled ? 0.9 : 0.85;
    else if (namedPeople.length === 0 && people.size === 1 && titled) confidence = 0.6;
    if (confidence > 0) {
      scored.push({ block, start: candidate.start, end: candidate.end, entity: form.entity, confidence });
    }
  }

  return {
    mentions: selectLongest(scored).map((s) => ({
      block: s.block,
      start: s.start,
      end: s.end,
      entityId: gazetteer.entities[s.entity]!.id,
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
    const list = byBlock.get(s.block) ?? [];
    list.push(s);
    byBlock.set(s.block, list);
  }
  const out: Scored[] = [];
  for (const block of [...byBlock.keys()].sort((a, b) => a - b)) {
    const list = byBlock.get(block)!.sort((a, b) => a.start - b.start || b.end - a.end || b.confidence - a.confidence);
    let covered = -1;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (s.start < covered) continue;
      if (s.confidence < MIN_CONFIDENCE) {
        // A weak long candidate must not hide a confident shorter one at the same place.
        continue;
      }
      const tie = list.find(
        (o) =>
          o !== s && o.start === s.start && o.end === s.end && o.confidence === s.confidence && o.entity !== s.entity,
      );
      covered = s.end;
      if (tie) continue;
      out.push(s);
    }
  }
  return out;
}
