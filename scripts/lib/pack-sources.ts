/** Reads the pack sources under data/packs/ and compiles them (Node only). */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compilePack, type CompileResult, type SourceFile } from '../../utils/knowledge/compile';
import type { CompiledPack } from '../../utils/knowledge/types';

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

export function compilePackDir(dir: string): CompileResult {
  const headerPath = join(dir, 'pack.yaml');
  const entitiesDir = join(dir, 'entities');
  // Entities may be grouped in folders (entities/companies/tech.yaml); every YAML file counts.
  const files: SourceFile[] = readdirSync(entitiesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ path: relative(ROOT, join(entitiesDir, f)), records: readYaml(join(entitiesDir, f)) }));
  return compilePack(relative(ROOT, headerPath), readYaml(headerPath), files);
}

/** Compiles every pack; throws one error listing every problem found. */
export function compileAllPacks(): CompiledPack[] {
  const packs: CompiledPack[] = [];
  const errors: string[] = [];
  for (const id of packIds()) {
    const result = compilePackDir(join(PACKS_DIR, id));
    if (result.ok) packs.push(result.pack);
    else errors.push(...result.errors);
  }
  if (errors.length > 0) throw new Error(`The knowledge packs have ${errors.length} problem(s):\n${errors.join('\n')}`);
  return packs;
}
