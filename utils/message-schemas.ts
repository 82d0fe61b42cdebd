/**
 * Validators for every request of the protocol in `messages.ts`, applied where a message is
 * received. Limits keep one hostile page from making the background allocate without bound.
 */
import { z } from 'zod';
import { correctionInputSchema, userEntityInputSchema } from './knowledge/user';
import type { BackgroundProtocol, TabProtocol } from './messages';

const lang = z.string().max(16);
const entityId = z.string().min(1).max(200);

export const pageContextSchema = z.strictObject({
  lang,
  named: z.array(entityId).max(10_000),
  confirmed: z.array(entityId).max(10_000),
});

const noteDraftSchema = z.strictObject({
  entityId: entityId.optional(),
  page: z
    .strictObject({ url: z.string().max(4096), title: z.string().max(1000), site: z.string().max(300) })
    .optional(),
  quote: z
    .strictObject({
      exact: z.string().max(5000),
      prefix: z.string().max(500),
      suffix: z.string().max(500),
      start: z.number().int().nonnegative().optional(),
    })
    .optional(),
  text: z.string().max(100_000),
  tags: z.array(z.string().max(100)).max(100).optional(),
});

/** Validators for every background request, keyed like the protocol. */
export const backgroundRequestSchemas = {
  detect: z.strictObject({
    // A page of several megabytes arrives in batches; one batch is capped to keep the worker live.
    blocks: z.array(z.string().max(2_000_000)).max(50_000),
    context: pageContextSchema,
    url: z.string().max(4096).optional(),
    visit: z.string().min(1).max(100).optional(),
    title: z.string().max(1000).optional(),
  }),
  getEntities: z.array(entityId).max(10_000),
  getNotes: z.strictObject({ entityId: entityId.optional(), url: z.string().max(4096).optional() }),
  saveNote: noteDraftSchema.refine((d) => d.text.trim() !== '' || d.quote, 'a note needs text or a quote'),
  setNoteAnchors: z.strictObject({
    url: z.string().max(4096),
    results: z.array(z.strictObject({ id: z.string().min(1).max(200), found: z.boolean() })).max(10_000),
  }),
  getSightings: z.strictObject({
    entityId,
    exceptUrl: z.string().max(4096).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  }),
  clearHistory: z.undefined(),
  saveEntity: userEntityInputSchema,
  deleteEntity: entityId,
  addCorrection: correctionInputSchema,
  removeCorrection: z.string().min(1).max(200),
  getOnlineSummary: z.strictObject({ entityId, lang }),
  searchOnline: z.strictObject({ query: z.string().trim().min(1).max(200), lang }),
} satisfies { [K in keyof BackgroundProtocol]: z.ZodType<Parameters<BackgroundProtocol[K]>[0]> };

export const tabRequestSchemas = {
  getPageState: z.undefined(),
  showEntity: entityId,
  knowledgeChanged: z.undefined(),
  teachSelection: z.string().max(500),
  moveToMention: z.enum(['next', 'previous']),
} satisfies { [K in keyof TabProtocol]: z.ZodType<Parameters<TabProtocol[K]>[0]> };
