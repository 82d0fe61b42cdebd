import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAllPacks, ROOT } from '../../scripts/lib/pack-sources';
import type { CompiledPack, Entity } from '../../utils/knowledge/types';

let packs: CompiledPack[] | undefined;

/** The real packs under data/packs/, compiled once per test file. */
export function shippedPacks(): CompiledPack[] {
  packs ??= compileAllPacks();
  return packs;
}

export function shippedEntities(): Entity[] {
  return shippedPacks().flatMap((p) => p.entities);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(ROOT, ...parts), 'utf8');
}

export const SEED_ARTICLE_PATH = join(ROOT, '..', 'shared', 'fixtures', 'seed-article-de.txt');
