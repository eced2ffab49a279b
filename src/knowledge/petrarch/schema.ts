// The generated PETRARCH2 knowledge files (src/knowledge/data/petrarch/*.json): checked by the importer
// before it writes them and by the tests on the committed files (read.ts checks only their shape at load).
import { z } from 'zod';

const cameo = z.string().regex(/^\d{2,4}$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const slotName = z.string().regex(/^(subject|object|prep:[a-z-]+)$/);
export type SlotName = 'subject' | 'object' | `prep:${string}`;

/** What a CAMEO code means in PLOVER, flattened onto verbs and patterns. */
const ploverFields = {
  plover: z.string().min(1).optional(),
  mode: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  passivePlover: z.string().min(1).optional(),
  passiveMode: z.string().min(1).optional(),
};

export const PetrarchVerbSchema = z.object({
  lemma: z.string().regex(/^[a-z][a-z'-]*$/),
  before: z.string().optional(),
  particle: z.string().optional(),
  forms: z.array(z.string()).optional(),
  cameo: cameo.nullable().optional(),
  passive: cameo.optional(),
  ...ploverFields,
  line: z.number().int().positive(),
});

export const PetrarchPatternSchema = z.object({
  subject: z.string().optional(),
  particle: z.string().optional(),
  object: z.string().optional(),
  preps: z.array(z.object({ case: z.string().min(1), object: z.string().optional() })).optional(),
  more: z.array(z.string()).optional(),
  roles: z.object({ source: slotName.optional(), target: slotName.optional() }).optional(),
  cameo: cameo.nullable(),
  passive: cameo.optional(),
  ...ploverFields,
  words: z.array(z.string()),
  line: z.number().int().positive(),
});

export const PetrarchBlockSchema = z.object({
  name: z.string().min(1),
  cameo: cameo.nullable(),
  passive: cameo.optional(),
  ...ploverFields,
  verbs: z.array(PetrarchVerbSchema),
  patterns: z.array(PetrarchPatternSchema),
  line: z.number().int().positive(),
});

const header = {
  source: z.string().min(1),
  licence: z.string().min(1),
  copyright: z.string().min(1),
  generator: z.string().min(1),
  inputs: z.array(z.object({ file: z.string(), sha256: z.string() })),
  counts: z.record(z.string(), z.number()),
};

export const PetrarchVerbFileSchema = z.object({
  kind: z.literal('petrarch-verbs'),
  ...header,
  mapping: z.object({ source: z.string(), licence: z.string(), copyright: z.string() }),
  synsets: z.record(z.string(), z.array(z.string())),
  records: z.array(PetrarchBlockSchema),
});

export const AGENT_KINDS = ['government', 'military', 'police', 'armed group', 'opposition', 'civilians', 'media', 'company', 'ngo', 'igo', 'party', 'person', 'group'] as const;

export const PetrarchAgentSchema = z.object({
  phrase: z.string().min(1),
  plural: z.string().min(1).optional(),
  code: z.string().regex(/^[A-Z]{3,}$/),
  /** the code goes before the actor's code (`NGO~`), not after it (`~GOV`) */
  prefix: z.boolean().optional(),
  sector: z.string().regex(/^[A-Z]{3}$/),
  kind: z.enum(AGENT_KINDS),
  line: z.number().int().positive(),
});

export const PetrarchAgentFileSchema = z.object({
  kind: z.literal('petrarch-agents'),
  ...header,
  records: z.array(PetrarchAgentSchema),
});

/** A dated role, stored as `[code, from, to]` (null: open at that end). */
export const PetrarchRoleSchema = z.tuple([z.string().regex(/^[A-Z]{3,}$/), isoDay.nullable(), isoDay.nullable()]);

export const PetrarchActorSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  kind: z.enum(['person', 'group', 'unknown']),
  /** the code that applies when no dated role does (PETRARCH's default restriction) */
  code: z.string().regex(/^[A-Z]{3,}$/).optional(),
  roles: z.array(PetrarchRoleSchema).optional(),
  /** a short name (up to three words) of ordinary English words ("Black Friday", "New Order"): a match needs support */
  plain: z.boolean().optional(),
});
export type ActorFile = 'countries' | 'international' | 'milnonstate';

export const PetrarchActorFileSchema = z.object({
  kind: z.literal('petrarch-actors'),
  ...header,
  /** the last day any dated role in the dictionaries names: nothing is known after it */
  knownUntil: isoDay,
  records: z.array(PetrarchActorSchema),
});

export type PetrarchVerb = z.infer<typeof PetrarchVerbSchema>;
export type PetrarchPattern = z.infer<typeof PetrarchPatternSchema>;
export type PetrarchBlock = z.infer<typeof PetrarchBlockSchema>;
export type PetrarchVerbFile = z.infer<typeof PetrarchVerbFileSchema>;
export type PetrarchAgent = z.infer<typeof PetrarchAgentSchema>;
export type PetrarchAgentFile = z.infer<typeof PetrarchAgentFileSchema>;
export type PetrarchRole = z.infer<typeof PetrarchRoleSchema>;
export type PetrarchActor = z.infer<typeof PetrarchActorSchema>;
export type PetrarchActorFile = z.infer<typeof PetrarchActorFileSchema>;

/** Each generated file's schema, by file name. */
export const PETRARCH_FILE_SCHEMAS = {
  'verbs.json': PetrarchVerbFileSchema,
  'agents.json': PetrarchAgentFileSchema,
  'actors.json': PetrarchActorFileSchema,
} as const;

/** The first field of `data` that does not fit `schema` (`path: message`), or null when all fit. */
export function schemaMisfit(data: unknown, schema: z.ZodTypeAny): string | null {
  const r = schema.safeParse(data);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return `${issue.path.join('.')}: ${issue.message}`;
}
