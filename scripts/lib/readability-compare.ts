/**
 * Dossier's extraction beside @mozilla/readability on the labelled corpus, for `npm run eval`.
 *
 * The content script does not use Readability: it needs a clone of the whole document and runs as
 * one synchronous task, which on a large page breaks the 50 ms budget, and it cannot read what a
 * page adds later. Dossier's own scorer streams over the blocks instead. This comparison shows
 * what that choice costs or gains on the corpus: detection is run unchanged on the text each
 * extractor keeps, and a labelled mention that the extractor drops counts as missed.
 *
 * Readability gives the headline as plain text, apart from the content; so that both are judged
 * on the same text, the page's own <h1> is put back before the content when Readability left it out.
 */
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { extractBlocks } from '../../utils/detect/extract';
import { corpusPageOf, loadCorpusPage, type CorpusPage } from './corpus';
import { parseHtml } from './page-text';

export interface ReadabilityPage {
  page: CorpusPage;
  /** Labelled mentions on the whole page, wherever they are. */
  labelled: number;
  /** How long Readability took on the page, in ms (parsing not included). */
  ms: number;
  /** Readability found no article at all. */
  failed: boolean;
}

export function loadWithReadability(path: string): ReadabilityPage {
  const html = readFileSync(path, 'utf8');
  const original = parseHtml(html);
  // Counted as the corpus counts them, inside shadow roots too.
  const whole = loadCorpusPage(path);
  const labelled = whole.expected.length + whole.unreachable.length;
  const lang = (original.documentElement.getAttribute('lang') ?? '').replace(/[^\w-]/g, '');
  const started = performance.now();
  const article = new Readability(parseHtml(html)).parse();
  const ms = performance.now() - started;
  const headline = original.querySelector('h1');
  const content = article?.content ?? '';
  const withHeadline = headline && !content.includes(headline.innerHTML) ? headline.outerHTML + content : content;
  const doc = parseHtml(`<!doctype html><html lang="${lang}"><body>${withHeadline}</body></html>`);
  const page = corpusPageOf(path, doc, extractBlocks(doc.body));
  return { page, labelled, ms, failed: article === null };
}
