/**
 * The labelled corpus under tests/corpus/<lang>/: news-style pages in which every expected mention
 * is wrapped in `<x-mention data-entity="ID">`. The tag is inline and carries no text, so the
 * pages read the same with it; the evaluator takes the expected spans from it and compares them
 * with what detection finds in the same extracted text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBlocks, type TextBlock } from '../../utils/detect/extract';
import type { Gazetteer } from '../../utils/detect/gazetteer';
import { primaryLanguage } from '../../utils/detect/languages';
import { detectMentions } from '../../utils/detect/resolve';
import { ROOT } from './pack-sources';
import { parseHtml } from './page-text';

export const CORPUS_DIR = join(ROOT, 'tests', 'corpus');

export interface Span {
  block: number;
  start: number;
  end: number;
  entityId: string;
  text: string;
}

export interface CorpusPage {
  path: string;
  lang: string;
  blocks: TextBlock[];
  expected: Span[];
  /** Expected mentions that fall outside the extracted text (an annotation or extraction error). */
  unreachable: string[];
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(CORPUS_DIR, d.name))
        .filter((f) => f.endsWith('.html'))
        .sort()
        .map((f) => join(CORPUS_DIR, d.name, f)),
    );
}

/**
 * happy-dom's parser leaves `<template shadowrootmode>` as a template; a browser turns it into a
 * shadow root. Do what the browser does, so the corpus's shadow-DOM pages read as they would.
 */
function attachDeclarativeShadowRoots(doc: Document): void {
  for (const template of Array.from(doc.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    const root = host.attachShadow({ mode });
    root.append((template as HTMLTemplateElement).content.cloneNode(true));
    template.remove();
  }
}

function textNodesIn(el: Element): Text[] {
  const out: Text[] = [];
  const visit = (n: Node) => {
    if (n.nodeType === 3) out.push(n as Text);
    for (const c of Array.from(n.childNodes)) visit(c);
  };
  visit(el);
  return out;
}

export function loadCorpusPage(path: string): CorpusPage {
  const doc = parseHtml(readFileSync(path, 'utf8'));
  attachDeclarativeShadowRoots(doc);
  return corpusPageOf(path, doc, extractBlocks(doc.body));
}

/**
 * The corpus page as `blocks` give its text: the expected mentions are those labelled in `doc`;
 * a labelled mention outside the blocks is unreachable, and counts as missed.
 */
export function corpusPageOf(path: string, doc: Document, blocks: TextBlock[]): CorpusPage {
  const lang = primaryLanguage(doc.documentElement.getAttribute('lang'));
  const where = new Map<Text, { block: number; start: number }>();
  blocks.forEach((b, block) => b.nodes.forEach(({ node, start }) => where.set(node, { block, start })));

  const expected: Span[] = [];
  const unreachable: string[] = [];
  const marks: Element[] = [];
  const collect = (root: Document | ShadowRoot | Element) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.localName === 'x-mention') marks.push(el);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(doc);
  for (const mark of marks) {
    const entityId = mark.getAttribute('data-entity') ?? '';
    const nodes = textNodesIn(mark).filter((t) => t.data !== '');
    const first = nodes[0] && where.get(nodes[0]);
    const last = nodes[nodes.length - 1] && where.get(nodes[nodes.length - 1]!);
    if (!first || !last || first.block !== last.block) {
      unreachable.push(`${entityId} "${mark.textContent}"`);
      continue;
    }
    const start = first.start;
    const end = last.start + nodes[nodes.length - 1]!.data.length;
    expected.push({ block: first.block, start, end, entityId, text: blocks[first.block]!.text.slice(start, end) });
  }
  return { path, lang, blocks, expected, unreachable };
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export interface PageResult extends Score {
  page: CorpusPage;
  falsePositives: Span[];
  falseNegatives: Span[];
}

export function evaluatePage(gazetteer: Gazetteer, page: CorpusPage): PageResult {
  const texts = page.blocks.map((b) => b.text);
  const { mentions } = detectMentions(gazetteer, texts, { lang: page.lang, named: [], confirmed: [] });
  const key = (s: { block: number; start: number; end: number; entityId: string }) =>
    `${s.block}:${s.start}:${s.end}:${s.entityId}`;
  const expected = new Map(page.expected.map((s) => [key(s), s]));
  const found = new Map(
    mentions.map((m) => [key(m), { ...m, text: texts[m.block]!.slice(m.start, m.end) } satisfies Span]),
  );
  const falsePositives = [...found].filter(([k]) => !expected.has(k)).map(([, s]) => s);
  const falseNegatives = [...expected].filter(([k]) => !found.has(k)).map(([, s]) => s);
  const tp = found.size - falsePositives.length;
  return {
    page,
    tp,
    fp: falsePositives.length,
    fn: falseNegatives.length + page.unreachable.length,
    falsePositives,
    falseNegatives,
  };
}

export function precision(s: Score): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}

export function recall(s: Score): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
}

export function sum(scores: Score[]): Score {
  return scores.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
}
