// The canonical page: every entity of the German seed article, in every form the article uses.
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../utils/detect/gazetteer';
import { detectMentions } from '../../utils/detect/resolve';
import { readPageText } from '../../scripts/lib/page-text';
import { ROOT } from '../../scripts/lib/pack-sources';
import { shippedEntities } from '../helpers/packs';

const page = readPageText(`${ROOT}/e2e/fixtures/pages/seed-article-de.html`);
const gazetteer = Gazetteer.fromEntities(shippedEntities());
const { mentions } = detectMentions(gazetteer, page.blocks, { lang: page.lang, named: [], confirmed: [] });
const found = mentions.map((m) => ({
  text: page.blocks[m.block]!.slice(m.start, m.end),
  id: m.entityId,
  block: m.block,
}));

function idsOf(text: string): string[] {
  return [...new Set(found.filter((f) => f.text === text).map((f) => f.id))];
}

describe('the German seed article', () => {
  it('is read as German from the page', () => {
    expect(page.lang).toBe('de');
  });

  it.each([
    ['Jensen Huang', 'news:jensen-huang'],
    ['Elon Musk', 'news:elon-musk'],
    ['Donald Trump', 'news:donald-trump'],
    ['Xi Jinping', 'news:xi-jinping'],
    ['Wang Qishan', 'news:wang-qishan'],
    ['Wang Wentao', 'news:wang-wentao'],
    ['Gina Raimondo', 'news:gina-raimondo'],
    ['Lizzi Lee', 'news:lizzi-lee'],
    ['Nvidia', 'news:nvidia'],
    ['TSMC', 'news:tsmc'],
    ['Tesla', 'news:tesla'],
    ['Huawei', 'news:huawei'],
    ['DeepSeek', 'news:deepseek'],
    ['Qwen', 'news:qwen'],
    ['H20', 'news:nvidia-h20'],
    ['Asia Society Policy Institute', 'news:asia-society-policy-institute'],
    ['Bloomberg', 'news:bloomberg-news'],
    ['China', 'places:china'],
    ['USA', 'places:united-states'],
    ['Washington', 'places:washington-dc'],
    ['Peking', 'places:beijing'],
    ['Weißen Haus', 'news:white-house'],
  ])('marks "%s" as %s', (text, id) => {
    expect(idsOf(text)).toEqual([id]);
  });

  it('reads inflected forms: genitive, titles, compounds, surnames', () => {
    expect(idsOf('Nvidias')).toEqual(['news:nvidia']);
    expect(idsOf('Chinas')).toEqual(['places:china']);
    expect(idsOf('Alibabas')).toEqual(['news:alibaba-group']);
    // "Herrn Trump", "Herrn Huang", "Handelsminister Wang Wentao": the title is not part of the mention.
    expect(idsOf('Trump')).toEqual(['news:donald-trump']);
    expect(idsOf('Huang')).toEqual(['news:jensen-huang']);
    expect(idsOf('Musk')).toEqual(['news:elon-musk']);
    expect(idsOf('Lee')).toEqual(['news:lizzi-lee']);
    expect(found.some((f) => f.text.startsWith('Herrn') || f.text.startsWith('Handelsminister'))).toBe(false);
    const compounds = page.blocks.flatMap((b, i) =>
      [...b.matchAll(/(Nvidia|H20|Trump|Tesla)-\p{L}+/gu)].map((m) => ({ block: i, at: m.index, name: m[1]! })),
    );
    expect(compounds.map((c) => c.name)).toEqual(expect.arrayContaining(['Nvidia', 'H20', 'Trump', 'Tesla']));
    for (const c of compounds) {
      expect(mentions.some((m) => m.block === c.block && m.start === c.at && m.end === c.at + c.name.length)).toBe(
        true,
      );
    }
  });

  it('marks every occurrence of the full names', () => {
    const text = page.blocks.join('\n');
    for (const name of ['Jensen Huang', 'Elon Musk', 'Nvidia', 'Washington', 'Peking']) {
      const occurrences = text.split(name).length - 1;
      expect(found.filter((f) => f.text.startsWith(name)).length, name).toBe(occurrences);
    }
  });

  it('reads no navigation, aside or footer text', () => {
    expect(page.blocks.some((b) => /Impressum|Mehr zum Thema|Top-Themen|Redaktionsbüros/.test(b))).toBe(false);
  });
});
