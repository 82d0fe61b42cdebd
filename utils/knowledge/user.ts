/**
 * The reader's own knowledge: entities they add ("teach Dossier") and corrections ("not this
 * entity here", "never mark this on this site"). Both live beside the packs in the database, and
 * a newer pack never touches them.
 */
import { z } from 'zod';
import type { Correction, DossierDB, KnowledgeStatus } from '../db';
import { ENTITY_TYPES, type Entity } from './types';
import { USER_PACK } from './user-ids';

export { USER_PACK, siteOf } from './user-ids';

const name = z.string().trim().min(1, 'a name is needed').max(200, 'at most 200 characters');

/** What the entity editor sends: validated wherever it is received. */
export const userEntityInputSchema = z.strictObject({
  /** Present when an existing entity of the reader's is edited. */
  id: z.string().max(200).optional(),
  name,
  aliases: z.array(name).max(50, 'at most 50 other names'),
  type: z.enum(ENTITY_TYPES),
  description: z.string().trim().max(2000, 'at most 2,000 characters'),
  /** The Wikipedia article the reader chose when looking the name up: language → title. */
  wikipedia: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().min(1).max(300)).optional(),
});
export type UserEntityInput = z.infer<typeof userEntityInputSchema>;

export const correctionInputSchema = z.strictObject({
  kind: z.enum(['not-here', 'not-on-site']),
  entityId: z.string().min(1).max(200),
  site: z.string().max(300),
  url: z.string().max(4096).optional(),
  surface: z.string().max(500).optional(),
});
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

function slug(text: string): string {
  const base = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'entity';
}

const today = () => new Date().toISOString().slice(0, 10);

export function userEntityFrom(input: UserEntityInput, id: string): Entity {
  const aliases = [...new Set(input.aliases.map((a) => a.trim()).filter((a) => a && a !== input.name))];
  return {
    id,
    type: input.type,
    // The reader writes in their own language; English is the key every reader falls back to.
    labels: { en: input.name },
    ...(aliases.length > 0 ? { aliases: { und: aliases } } : {}),
    description: { en: input.description },
    ...(input.wikipedia && Object.keys(input.wikipedia).length > 0 ? { wikipedia: input.wikipedia } : {}),
    source: { pack: USER_PACK, title: { en: 'Your entity', de: 'Ihr Eintrag' }, version: '1', asOf: today() },
  };
}

/** Marks the reader's knowledge as changed, so the matcher is rebuilt with it. */
async function bumpRevision(db: DossierDB): Promise<void> {
  const updated = await db.status.update('knowledge', (s: KnowledgeStatus) => {
    s.userRevision = (s.userRevision ?? 0) + 1;
  });
  if (updated === 0) {
    await db.status.put({ id: 'knowledge', phase: 'ready', done: 0, total: 0, startedAt: Date.now(), userRevision: 1 });
  }
}

export async function saveUserEntity(db: DossierDB, input: UserEntityInput): Promise<Entity> {
  return db.transaction('rw', db.entities, db.status, async () => {
    let id = input.id;
    if (id) {
      // An id the reader's own entities do not have is refused; a deleted one may come back (undo).
      const existing = await db.entities.get(id);
      if (existing ? existing.source.pack !== USER_PACK : !id.startsWith(`${USER_PACK}:`)) {
        throw new Error('Only your own entities can be edited.');
      }
    } else {
      id = `${USER_PACK}:${slug(input.name)}-${crypto.randomUUID().slice(0, 8)}`;
    }
    const entity = userEntityFrom(input, id);
    await db.entities.put(entity);
    await bumpRevision(db);
    return entity;
  });
}

export async function deleteUserEntity(db: DossierDB, id: string): Promise<void> {
  await db.transaction('rw', db.entities, db.status, async () => {
    const existing = await db.entities.get(id);
    if (existing?.source.pack !== USER_PACK) throw new Error('Only your own entities can be deleted.');
    await db.entities.delete(id);
    await bumpRevision(db);
  });
}

export function listUserEntities(db: DossierDB): Promise<Entity[]> {
  return db.entities.where('source.pack').equals(USER_PACK).sortBy('labels.en');
}

export async function addCorrection(db: DossierDB, input: CorrectionInput): Promise<Correction> {
  const correction: Correction = { id: crypto.randomUUID(), createdAt: Date.now(), ...input };
  // The same correction twice is one correction.
  const same = await db.corrections
    .where('entityId')
    .equals(input.entityId)
    .filter((c) => c.kind === input.kind && c.site === input.site && c.url === input.url && c.surface === input.surface)
    .first();
  if (same) return same;
  await db.corrections.add(correction);
  return correction;
}

export async function removeCorrection(db: DossierDB, id: string): Promise<void> {
  await db.corrections.delete(id);
}

/**
 * Whether a mention survives the reader's corrections: not an entity they ruled out on this
 * site, nor on this page as written here.
 */
export function correctionFilter(
  corrections: Correction[],
  url: string,
): (entityId: string, surface: string) => boolean {
  const offSite = new Set(corrections.filter((c) => c.kind === 'not-on-site').map((c) => c.entityId));
  const offHere = new Set(
    corrections.filter((c) => c.kind === 'not-here' && c.url === url).map((c) => `${c.entityId}\u0000${c.surface}`),
  );
  return (entityId, surface) => !offSite.has(entityId) && !offHere.has(`${entityId}\u0000${surface}`);
}
