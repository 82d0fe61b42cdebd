/** Reads the pack sources under data/packs/ and compiles them (Node only). */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { foldKey } from '../../utils/detect/text';
import { compilePack, type SourceFile } from '../../utils/knowledge/compile';
import type { CompiledPack } from '../../utils/knowledge/types';
import { generatePlaces, type PlaceRecord, type PlacesConfig } from './places';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKS_DIR = join(ROOT, 'data', 'packs');

function readYaml(path: string): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${relative(ROOT, path)}: not valid YAML: ${(error as Error).message}`);
  }
}

export function packIds(): string[] {
  return readdirSync(PACKS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PACKS_DIR, d.name, 'pack.yaml')))
    .map((d) => d.name)
    .sort();
}

interface PackSources {
  headerPath: string;
  header: unknown;
  files: SourceFile[];
  /** Set for a pack generated from data packages (generator.yaml beside pack.yaml). */
  generator?: unknown;
}

function readPackDir(dir: string): PackSources {
  const headerPath = join(dir, 'pack.yaml');
  const entitiesDir = join(dir, 'entities');
  // Entities may be grouped in folders (entities/companies/tech.yaml); every YAML file counts.
  const files: SourceFile[] = existsSync(entitiesDir)
    ? readdirSync(entitiesDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
        .map((f) => ({ path: relative(ROOT, join(entitiesDir, f)), records: readYaml(join(entitiesDir, f)) }))
    : [];
  const generatorPath = join(dir, 'generator.yaml');
  return {
    headerPath: relative(ROOT, headerPath),
    header: readYaml(headerPath),
    files,
    ...(existsSync(generatorPath) ? { generator: readYaml(generatorPath) } : {}),
  };
}

function recordsOf(sources: PackSources): Record<string, unknown>[] {
  return sources.files.flatMap((f) =>
    Array.isArray(f.records)
      ? (f.records as unknown[]).filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
      : [],
  );
}

/** The folded names of raw records, read leniently: the compiler reports what is malformed. */
function namesOf(records: Record<string, unknown>[]): Set<string> {
  const names = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') names.add(foldKey(value));
  };
  for (const record of records) {
    for (const label of Object.values((record.labels as Record<string, unknown> | undefined) ?? {})) add(label);
    for (const list of Object.values((record.aliases as Record<string, unknown> | undefined) ?? {})) {
      if (Array.isArray(list)) list.forEach(add);
    }
  }
  return names;
}

/** Compiles every pack; throws one error listing every problem found. */
export function compileAllPacks(): CompiledPack[] {
  const sources = packIds().map((id) => readPackDir(join(PACKS_DIR, id)));
  // Names the written packs use are theirs: a generated place gives up "Toyota" to the carmaker.
  const reserved = namesOf(sources.filter((s) => !s.generator).flatMap(recordsOf));
  for (const pack of sources) {
    if (!pack.generator) continue;
    const curated = recordsOf(pack) as unknown as PlaceRecord[];
    const { records } = generatePlaces(pack.generator as PlacesConfig, curated, reserved);
    pack.files = [
      { path: `${relative(ROOT, dirname(join(ROOT, pack.headerPath)))} (generated, with entities/)`, records },
    ];
  }
  const ids = new Set(sources.flatMap(recordsOf).map((r) => String(r.id)));
  const packs: CompiledPack[] = [];
  const errors: string[] = [];
  for (const pack of sources) {
    const result = compilePack(pack.headerPath, pack.header, pack.files, ids);
    if (result.ok) packs.push(result.pack);
    else errors.push(...result.errors);
  }
  if (errors.length > 0) throw new Error(`The knowledge packs have ${errors.length} problem(s):\n${errors.join('\n')}`);
  return packs;
}
