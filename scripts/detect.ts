/**
 * npm run detect -- FILE [--json] [--lang de]
 *
 * Runs the extension's own detection over an HTML or text file and prints the mentions. Offsets
 * are into the extracted text: the page's blocks joined by a blank line.
 */
import { parseArgs } from 'node:util';
import { Gazetteer } from '../utils/detect/gazetteer';
import { primaryLanguage } from '../utils/detect/languages';
import { detectMentions } from '../utils/detect/resolve';
import { pickLang, surfaceForms } from '../utils/knowledge/types';
import { compileAllPacks } from './lib/pack-sources';
import { blockOffsets, readPageText } from './lib/page-text';

// Piped into `head`, stdout closes early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length !== 1) {
  console.error('Usage: npm run detect -- FILE [--json] [--lang de]');
  process.exit(values.help ? 0 : 2);
}

const page = readPageText(positionals[0]!);
const lang = values.lang ? primaryLanguage(values.lang) : page.lang;
const entities = compileAllPacks().flatMap((p) => p.entities);
const gazetteer = Gazetteer.fromEntities(entities);
const { mentions } = detectMentions(gazetteer, page.blocks, { lang, named: [], confirmed: [] });
const offsets = blockOffsets(page.blocks);
const byId = new Map(entities.map((e) => [e.id, e]));

const rows = mentions.map((m) => ({
  start: offsets[m.block]! + m.start,
  end: offsets[m.block]! + m.end,
  text: page.blocks[m.block]!.slice(m.start, m.end),
  entityId: m.entityId,
  confidence: m.confidence,
}));

if (values.json) {
  const found = [...new Set(rows.map((r) => r.entityId))].map((id) => byId.get(id)!);
  const out = {
    mentions: rows.map(({ start, end, text, entityId }) => ({ start, end, text, entityId })),
    entities: found.map((e) => ({
      id: e.id,
      name: pickLang(e.labels, lang) ?? e.id,
      type: e.type,
      aliases: [...surfaceForms(e), ...(e.short ?? [])],
      description: pickLang(e.description, lang) ?? '',
    })),
  };
  console.log(JSON.stringify(out, null, 2));
} else {
  const width = Math.max(4, ...rows.map((r) => r.text.length));
  console.log(`${rows.length} mentions of ${new Set(rows.map((r) => r.entityId)).size} entities (language: ${lang})`);
  for (const r of rows) {
    const name = pickLang(byId.get(r.entityId)!.labels, lang);
    console.log(
      `${String(r.start).padStart(6)}-${String(r.end).padEnd(6)} ${r.text.padEnd(width)}  ${name} [${r.entityId}] ${r.confidence}`,
    );
  }
}
