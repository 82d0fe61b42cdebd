// Detection on the labelled corpus (tests/corpus/): the quality bar of the detection issue.
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../utils/detect/gazetteer';
import { corpusFiles, evaluatePage, loadCorpusPage, precision, recall, sum } from '../../scripts/lib/corpus';
import { shippedEntities } from '../helpers/packs';

const gazetteer = Gazetteer.fromEntities(shippedEntities());
const results = corpusFiles().map((file) => evaluatePage(gazetteer, loadCorpusPage(file)));

describe('the labelled corpus', () => {
  it('has at least four annotated pages in each of six languages', () => {
    const byLang = new Map<string, number>();
    for (const r of results) byLang.set(r.page.lang, (byLang.get(r.page.lang) ?? 0) + 1);
    for (const lang of ['de', 'en', 'fr', 'nl', 'es', 'it'])
      expect(byLang.get(lang) ?? 0, lang).toBeGreaterThanOrEqual(4);
    for (const r of results) {
      expect(r.page.expected.length, r.page.path).toBeGreaterThan(3);
      expect(r.page.unreachable, r.page.path).toEqual([]);
    }
  });

  it('is detected with precision ≥ 0.97 and recall ≥ 0.95 overall', () => {
    const all = sum(results);
    expect(precision(all)).toBeGreaterThanOrEqual(0.97);
    expect(recall(all)).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves no language below 0.90', () => {
    for (const lang of new Set(results.map((r) => r.page.lang))) {
      const s = sum(results.filter((r) => r.page.lang === lang));
      expect(precision(s), `${lang} precision`).toBeGreaterThanOrEqual(0.9);
      expect(recall(s), `${lang} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds every mention of the seed article and nothing else', () => {
    const seed = results.find((r) => r.page.path.endsWith('seed-article.html'))!;
    expect(seed.falseNegatives.map((s) => s.text)).toEqual([]);
    expect(seed.falsePositives.map((s) => s.text)).toEqual([]);
    expect(seed.tp).toBeGreaterThan(80);
  });
});
