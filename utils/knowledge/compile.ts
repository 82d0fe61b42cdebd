/**
 * Compiles pack sources (already parsed from YAML) into the form the extension ships and imports.
 * Pure: the command-line builder and the WXT build hook read the files; tests call this directly.
 */
import { foldKey } from '../detect/text';
import { describeIssues, entitySourceSchema, packHeaderSchema } from './schema';
import type { CompiledPack, Entity } from './types';

export interface SourceFile {
  /** Path shown in error messages, relative to the project. */
  path: string;
  /** The parsed content: a list of entity records. */
  records: unknown;
}

export type CompileResult = { ok: true; pack: CompiledPack } | { ok: false; errors: string[] };

function entityName(record: unknown, index: number): string {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `entity "${id}"` : `entity #${index + 1}`;
}

/**
 * @param otherIds ids defined by the other packs, which `related` may point to ("places:china").
 */
export function compilePack(
  headerPath: string,
  header: unknown,
  files: SourceFile[],
  otherIds: ReadonlySet<string> = new Set(),
): CompileResult {
  const errors: string[] = [];
  const head = packHeaderSchema.safeParse(header);
  if (!head.success) errors.push(...describeIssues(headerPath, head.error));

  const entities: Entity[] = [];
  const where = new Map<string, string>();
  for (const file of files) {
    if (!Array.isArray(file.records)) {
      errors.push(`${file.path}: expected a list of entity records`);
      continue;
    }
    file.records.forEach((record, index) => {
      const label = `${file.path}: ${entityName(record, index)}`;
      const parsed = entitySourceSchema.safeParse(record);
      if (!parsed.success) {
        errors.push(...describeIssues(label, parsed.error));
        return;
      }
      const source = parsed.data;
      const first = where.get(source.id);
      if (first) {
        errors.push(`${label}: id: duplicate id, first defined in ${first}`);
        return;
      }
      where.set(source.id, file.path);
      if (source.short && source.type !== 'person') {
        errors.push(`${label}: short: short forms are for people only`);
      }
      entities.push({
        ...source,
        source: {
          pack: head.data?.id ?? '',
          title: head.data?.title ?? {},
          version: head.data?.version ?? '',
          asOf: head.data?.asOf ?? '',
        },
      });
    });
  }

  for (const entity of entities) {
    for (const id of entity.related ?? []) {
      if (!where.has(id) && !otherIds.has(id))
        errors.push(`${where.get(entity.id)}: entity "${entity.id}": related: unknown id "${id}"`);
    }
  }
  errors.push(...aliasCollisions(entities, where));

  if (errors.length > 0 || !head.success) return { ok: false, errors };
  return {
    ok: true,
    pack: { format: 1, ...head.data, entities: entities.sort((a, b) => a.id.localeCompare(b.id)) },
  };
}

/**
 * Two entities may share a name only when one of them declares evidence, so the resolver has a
 * way to tell them apart on a page; otherwise the pack author has to decide.
 */
function aliasCollisions(entities: Entity[], where: Map<string, string>): string[] {
  const owners = new Map<string, Entity[]>();
  for (const entity of entities) {
    const keys = new Set<string>();
    for (const label of Object.values(entity.labels)) keys.add(foldKey(label));
    for (const list of Object.values(entity.aliases ?? {})) for (const alias of list) keys.add(foldKey(alias));
    for (const key of keys) {
      const list = owners.get(key) ?? [];
      list.push(entity);
      owners.set(key, list);
    }
  }
  const errors: string[] = [];
  for (const [key, list] of owners) {
    if (list.length < 2 || list.some((e) => e.evidence)) continue;
    const ids = list.map((e) => `"${e.id}"`).join(' and ');
    errors.push(
      `${where.get(list[0]!.id)}: entity "${list[0]!.id}": aliases: "${key}" names both ${ids}; ` +
        'give one of them evidence words or drop the alias',
    );
  }
  return errors;
}
