/**
 * The schema of pack sources under data/packs/. Records are checked strictly (an unknown field is
 * an error, so a typo never silently drops a fact) and every error names the file, the entity and
 * the field.
 */
import { z } from 'zod';
import { ENTITY_TYPES, FACT_KEYS } from './types';

const lang = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as "en" or "de"');
const text = z.string().trim().min(1, 'must not be empty');
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD');

const byLang = z.record(lang, text);
const listByLang = z.record(lang, z.array(text).min(1));

export const entityIdSchema = z
  .string()
  .regex(/^(wd:Q\d+|[a-z][a-z0-9-]*:[a-z0-9][a-z0-9-]*)$/, "'wd:Q…' or '<pack>:<kebab-case-slug>'");

export const packHeaderSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case'),
  title: byLang.refine((m) => 'en' in m, 'needs an English title (en)'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version such as 1.2.0'),
  asOf: date,
});

export const entitySourceSchema = z.strictObject({
  id: entityIdSchema,
  type: z.enum(ENTITY_TYPES),
  labels: byLang.refine((m) => 'en' in m, 'needs an English label (en)'),
  aliases: listByLang.optional(),
  // An empty list says the person has no short form ("Tesla" alone never means Nikola Tesla).
  short: z.array(text).optional(),
  caseSensitive: z.boolean().optional(),
  evidence: z.strictObject({ words: listByLang, against: listByLang.optional() }).optional(),
  notNames: listByLang.optional(),
  description: byLang
    .refine((m) => 'en' in m, 'needs an English description (en)')
    .refine((m) => 'de' in m, 'needs a German description (de)'),
  summary: byLang.optional(),
  facts: z.array(z.strictObject({ key: z.enum(FACT_KEYS), value: text, asOf: date.optional() })).optional(),
  related: z.array(entityIdSchema).optional(),
  wikipedia: byLang.optional(),
});

export type EntitySource = z.infer<typeof entitySourceSchema>;
export type PackHeader = z.infer<typeof packHeaderSchema>;

/** One line per problem: "where: field.path: message". */
export function describeIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${where}: ${path || '(record)'}: ${issue.message}`;
  });
}
