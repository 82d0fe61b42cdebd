/**
 * What a card shows beside the pack's facts, asked of the background: the related entities, the
 * reader's notes on the entity and where they met it before. Asked for as soon as the pointer
 * lands on a name, so that when the card opens after the dwell it is drawn whole at once rather
 * than growing (and moving its buttons) under the pointer as each answer arrives.
 */
import type { Sighting } from '@/utils/db';
import type { Entity } from '@/utils/knowledge/types';
import { backgroundMessaging } from '@/utils/messages';
import type { Note } from '@/utils/notes/model';

export interface CardExtras {
  related: Entity[];
  notes: Note[];
  seenOn: Sighting[];
}

/** How many related entities a card lists. */
export const MAX_RELATED = 8;
/** A prefetched answer serves a card opened this soon after; the card asks again anyway. */
const FRESH_MS = 5000;

const cache = new Map<string, { at: number; value?: CardExtras; promise: Promise<CardExtras> }>();

/** Asks the background for the card's extras; each part that fails is simply left out. */
export function fetchExtras(entity: Entity): Promise<CardExtras> {
  const relatedIds = [...new Set(entity.related ?? [])].filter((id) => id !== entity.id).slice(0, MAX_RELATED);
  const settled = Promise.allSettled([
    relatedIds.length > 0 ? backgroundMessaging.sendMessage('getEntities', relatedIds) : Promise.resolve([]),
    backgroundMessaging.sendMessage('getNotes', { entityId: entity.id }),
    backgroundMessaging.sendMessage('getSightings', { entityId: entity.id, exceptUrl: location.href, limit: 3 }),
  ]);
  // Without any of them the card still says who this is; the reader loses nothing.
  return settled.then(([related, notes, seenOn]) => ({
    related: related.status === 'fulfilled' ? related.value : [],
    notes: notes.status === 'fulfilled' ? notes.value : [],
    seenOn: seenOn.status === 'fulfilled' ? seenOn.value : [],
  }));
}

/** Starts asking for an entity's extras while the pointer rests on its name. */
export function prefetchExtras(entity: Entity): void {
  const held = cache.get(entity.id);
  if (held && Date.now() - held.at < FRESH_MS) return;
  const entry: { at: number; value?: CardExtras; promise: Promise<CardExtras> } = {
    at: Date.now(),
    promise: fetchExtras(entity),
  };
  void entry.promise.then((value) => (entry.value = value));
  cache.set(entity.id, entry);
  // Only recent answers are worth keeping.
  for (const [id, e] of cache) if (Date.now() - e.at >= FRESH_MS) cache.delete(id);
}

/** The extras prefetched for the entity, when they have arrived and are recent. */
export function prefetchedExtras(entityId: string): CardExtras | undefined {
  const held = cache.get(entityId);
  return held && Date.now() - held.at < FRESH_MS ? held.value : undefined;
}
