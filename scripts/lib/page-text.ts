/**
 * Reads a page from disk the way the content script reads it in the browser: HTML is parsed into
 * a DOM (happy-dom) and passed through the same extraction; plain text is one block per line.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { extractBlocks } from '../../utils/detect/extract';
import { primaryLanguage } from '../../utils/detect/languages';

export interface PageText {
  blocks: string[];
  /** The page's declared language, or 'und'. */
  lang: string;
  title: string;
}

export function parseHtml(html: string, url = 'http://127.0.0.1/'): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}

export function readPageText(path: string): PageText {
  const raw = readFileSync(path, 'utf8');
  if (/\.html?$/i.test(path) || /^\s*<(!doctype|html)/i.test(raw)) {
    const doc = parseHtml(raw);
    return {
      blocks: extractBlocks(doc.body).map((b) => b.text),
      lang: primaryLanguage(doc.documentElement.getAttribute('lang')),
      title: doc.title,
    };
  }
  return { blocks: raw.split(/\r?\n/).filter((line) => line.trim() !== ''), lang: 'und', title: '' };
}

/** Blocks are joined by a blank line; offsets printed by the tools are into this text. */
export const BLOCK_SEPARATOR = '\n\n';

export function blockOffsets(blocks: string[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const block of blocks) {
    offsets.push(at);
    at += block.length + BLOCK_SEPARATOR.length;
  }
  return offsets;
}
