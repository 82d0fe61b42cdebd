// `npm run detect -- FILE --json`: the contract pack authors and our own checks rely on.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/pack-sources';
import { BLOCK_SEPARATOR, readPageText } from '../../scripts/lib/page-text';

const PAGE = join(ROOT, 'e2e', 'fixtures', 'pages', 'seed-article-de.html');

interface DetectJson {
  mentions: { start: number; end: number; text: string; entityId: string }[];
  entities: { id: string; name: string; type: string; aliases: string[]; description: string }[];
}

describe('the detect command', () => {
  const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/detect.ts', PAGE, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const json = JSON.parse(out) as DetectJson;
  const text = readPageText(PAGE).blocks.join(BLOCK_SEPARATOR);

  it('prints mentions whose offsets point at their text in the extracted text', () => {
    expect(json.mentions.length).toBeGreaterThan(80);
    for (const m of json.mentions) {
      expect(Object.keys(m).sort()).toEqual(['end', 'entityId', 'start', 'text']);
      expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('prints each entity found once, with every surface form it is known by', () => {
    const ids = json.entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...new Set(json.mentions.map((m) => m.entityId))].sort());
    const beijing = json.entities.find((e) => e.id === 'places:beijing')!;
    expect(beijing).toMatchObject({ name: 'Peking', type: 'place' });
    expect(beijing.aliases).toEqual(expect.arrayContaining(['Beijing', 'Peking']));
    const h20 = json.entities.find((e) => e.id === 'news:nvidia-h20')!;
    expect(h20.description).toMatch(/Rechenzentrums-GPU/);
  });

  it('reads the language from --lang when given', () => {
    const en = JSON.parse(
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/detect.ts', PAGE, '--json', '--lang', 'en'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as DetectJson;
    // English has no genitive -s: "Nvidias" is no longer a mention.
    expect(json.mentions.some((m) => m.text === 'Nvidias')).toBe(true);
    expect(en.mentions.some((m) => m.text === 'Nvidias')).toBe(false);
    expect(en.entities.find((e) => e.id === 'places:beijing')?.name).toBe('Beijing');
  });
});
