// The pack compiler: what pack authors see when a record is wrong, and that the shipped packs are right.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../utils/knowledge/compile';
import { shippedPacks } from '../helpers/packs';

const header = { id: 'test', title: { en: 'Test pack' }, version: '1.0.0', asOf: '2025-06' };
const good = {
  id: 'test:acme',
  type: 'company',
  labels: { en: 'Acme' },
  description: { en: 'A maker of anvils', de: 'Ein Hersteller von Ambossen' },
};

describe('compilePack', () => {
  it('compiles valid records and stamps each with the pack, version and date', () => {
    const result = compilePack('pack.yaml', header, [{ path: 'a.yaml', records: [good] }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.entities[0]!.source).toEqual({
      pack: 'test',
      title: { en: 'Test pack' },
      version: '1.0.0',
      asOf: '2025-06',
    });
  });

  it('names the file, the entity and the field of every error', () => {
    const result = compilePack('pack.yaml', header, [
      {
        path: 'data/people.yaml',
        records: [
          { ...good, id: 'test:one', description: { en: 'Only English' } },
          { ...good, id: 'test:two', type: 'planet' },
          { ...good, id: 'test:three', facts: [{ key: 'born', value: '1900', asOf: 'last year' }] },
          { ...good, id: 'test:four', colour: 'red' },
        ],
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/people\.yaml: entity "test:one": description: needs a German description/),
        expect.stringMatching(/^data\/people\.yaml: entity "test:two": type: /),
        expect.stringMatching(/^data\/people\.yaml: entity "test:three": facts\.0\.asOf: a date written YYYY/),
        expect.stringMatching(/^data\/people\.yaml: entity "test:four": \(record\): .*colour/),
      ]),
    );
  });

  it('refuses duplicate ids, unknown related ids and a bad header', () => {
    const result = compilePack('pack.yaml', { ...header, version: 'one' }, [
      { path: 'a.yaml', records: [good, { ...good, related: ['test:nobody'] }] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/pack\.yaml: version: a version such as 1\.2\.0/);
    expect(result.errors.join('\n')).toMatch(/a\.yaml: entity "test:acme": id: duplicate id, first defined in a\.yaml/);
  });

  it('refuses two entities sharing a name unless one can be told apart by evidence', () => {
    const other = { ...good, id: 'test:acme-films', labels: { en: 'ACME' }, description: good.description };
    const clash = compilePack('pack.yaml', header, [{ path: 'a.yaml', records: [good, other] }]);
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.errors.join('\n')).toMatch(/"acme" names both "test:acme" and "test:acme-films"/);
    const told = compilePack('pack.yaml', header, [
      { path: 'a.yaml', records: [good, { ...other, evidence: { words: { en: ['film'] } } }] },
    ]);
    expect(told.ok).toBe(true);
  });

  it('accepts the shipped packs, each with its date', () => {
    const packs = shippedPacks();
    expect(packs.map((p) => p.id)).toContain('news');
    for (const pack of packs) {
      expect(pack.asOf).toMatch(/^\d{4}-\d{2}/);
      expect(pack.entities.length).toBeGreaterThan(50);
      for (const e of pack.entities) expect(e.description.en && e.description.de, e.id).toBeTruthy();
    }
  });
});
