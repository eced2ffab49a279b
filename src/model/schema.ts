// Runtime validation where data crosses an edge: knowledge files, JSON lines, API bodies.
import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const CountrySchema = z.object({
  id: z.string().regex(/^[A-Z]{3}$/),
  iso2: z.string().optional().nullable(),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  demonyms: z.array(z.string()).default([]),
  capital: z.string().optional().nullable(),
  capitalAliases: z.array(z.string()).default([]),
  lat: z.number().optional().nullable(),
  lon: z.number().optional().nullable(),
  geonamesId: z.number().optional().nullable(),
  cameo: z.string().optional().nullable(),
  region: z.string().optional().nullable(),
});

export const InstitutionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  iso3: z.string().regex(/^[A-Z]{3}$/),
  kind: z.string().default('government'),
  sector: z.string().optional().nullable(),
  cameo: z.string().optional().nullable(),
  /** states whose own body of this kind goes by the same name ("Congress" in Peru or Colombia) */
  sharedWith: z.array(z.string().regex(/^[A-Z]{3}$/)).default([]),
});

export const SectorSchema = z.object({
  id: z.string().min(1),
  words: z.array(z.string().min(1)).min(1),
  sector: z.string().min(2),
  kind: z.string().min(1),
});

export const RoleSchema = z.object({
  role: z.string().min(1),
  title: z.string().optional().nullable(),
  iso3: z.string().optional().nullable(),
  org: z.string().optional().nullable(),
  from: isoDay.optional().nullable(),
  to: isoDay.optional().nullable(),
});

export const PersonSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  surname: z.string().optional().nullable(),
  surnameAlone: z.boolean().optional().default(false),
  iso3: z.string().optional().nullable(),
  roles: z.array(RoleSchema).default([]),
});

export const OrganisationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  kind: z.string().min(1),
  iso3: z.string().optional().nullable(),
  parent: z.string().optional().nullable(),
  cameo: z.string().optional().nullable(),
  sector: z.string().optional().nullable(),
  from: isoDay.optional().nullable(),
  to: isoDay.optional().nullable(),
  /** spans in which the organisation was something else: a rebel movement that took power governs */
  periods: z.array(z.object({
    from: isoDay,
    to: isoDay.optional().nullable(),
    kind: z.string().min(1),
    cameo: z.string().min(1),
    sector: z.string().min(1),
  })).optional(),
});

export const TriggerSchema = z.object({
  id: z.string().min(1),
  pattern: z.string().min(1),
  pos: z.enum(['verb', 'noun']),
  type: z.string().min(1),
  mode: z.string().optional().nullable(),
  context: z.string().optional().nullable(),
  cameo: z.string().optional().nullable(),
  target: z.array(z.string()).default([]),
  targetRequired: z.boolean().optional().default(false),
  confidence: z.number().min(0).max(1).default(0.7),
  requires: z.array(z.string()).optional(),
  blocks: z.array(z.string()).optional(),
  /** words that block the trigger only as the word right after it ("called on Tuesday" is no call on anyone) */
  blocksNext: z.array(z.string()).optional(),
  /** the subject undergoes the act and a "from"/"by" phrase names who does it ("came under fire from X") */
  undergoes: z.boolean().optional(),
});

export const PloverTypeSchema = z.object({
  type: z.string().min(1),
  cameo: z.string().optional().nullable(),
  quad: z.string().optional().nullable(),
  goldstein: z.number().optional().nullable(),
  acled: z.object({ event_type: z.string().nullable().optional(), sub_event_type: z.string().nullable().optional() }).nullable().optional(),
  modes: z.array(z.object({
    mode: z.string(),
    cameo: z.string().optional().nullable(),
    acled: z.object({ event_type: z.string().nullable().optional(), sub_event_type: z.string().nullable().optional() }).nullable().optional(),
  }).passthrough()).default([]),
  contexts: z.array(z.string()).default([]),
  targetRequired: z.boolean().optional().default(false),
}).passthrough();

/** A record of a places file (kind "places"), read by the gazetteer (see src/knowledge/gazetteer.ts). */
export const PlaceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  featureType: z.enum(['city', 'admin1', 'country', 'region', 'landmark']).default('region'),
  lat: z.number().min(-90).max(90).optional().nullable(),
  lon: z.number().min(-180).max(180).optional().nullable(),
  iso2: z.string().length(2).optional().nullable(),
  iso3: z.string().regex(/^[A-Z]{3}$/).optional().nullable(),
  geonamesId: z.number().int().optional().nullable(),
  population: z.number().optional().nullable(),
  capital: z.boolean().optional(),
  weak: z.boolean().optional(),
});

export const KNOWLEDGE_SCHEMAS = {
  countries: CountrySchema,
  institutions: InstitutionSchema,
  sectors: SectorSchema,
  people: PersonSchema,
  organisations: OrganisationSchema,
  triggers: TriggerSchema,
  plover: PloverTypeSchema,
} as const;

export type KnowledgeKind = keyof typeof KNOWLEDGE_SCHEMAS;
export type Country = z.infer<typeof CountrySchema>;
export type Institution = z.infer<typeof InstitutionSchema>;
export type Sector = z.infer<typeof SectorSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type Trigger = z.infer<typeof TriggerSchema>;
export type PloverType = z.infer<typeof PloverTypeSchema>;
export type PlaceRecord = z.infer<typeof PlaceSchema>;

/** One line of a JSON Lines input file. */
export const JsonlArticleSchema = z.object({
  url: z.string().optional().nullable(),
  title: z.string().optional().nullable(),
  published: z.string().optional().nullable(),
  text: z.string().optional().nullable(),
  html: z.string().optional().nullable(),
  source: z.string().optional().nullable(),
});

/** Formats a zod error as `field: reason` pairs. */
export function zodReason(err: z.ZodError): { field: string; reason: string } {
  const issue = err.issues[0];
  return { field: issue?.path.join('.') || '(record)', reason: issue?.message ?? 'invalid' };
}

const PLOVER_TYPE_NAMES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
const actorRef = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(300),
  iso3: z.string().regex(/^[A-Z]{3}$/).nullable().default(null),
});

/** The value each correctable field takes (a review decision, as sent to the API or the store). */
export const CorrectionValueSchemas = {
  status: z.enum(['confirmed', 'rejected']),
  type: z.enum(PLOVER_TYPE_NAMES),
  source: z.array(actorRef).max(20),
  target: z.array(actorRef).max(20),
  date: z.strictObject({ from: isoDay, to: isoDay }).refine((d) => d.from <= d.to, 'from must not be after to'),
  place: z.strictObject({
    name: z.string().min(1).max(300),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    iso3: z.string().regex(/^[A-Z]{3}$/).nullable().default(null),
    featureType: z.enum(['landmark', 'city', 'admin2', 'admin1', 'region', 'country']).optional(),
  }).nullable(),
} as const;

/** A new correction: the event, the field and its value, and an optional note. */
export const NewCorrectionSchema = z.strictObject({
  event: z.string().min(1).max(200),
  field: z.enum(['status', 'type', 'source', 'target', 'date', 'place']),
  value: z.unknown(),
  note: z.string().max(2000).optional(),
}).superRefine((c, ctx) => {
  const r = CorrectionValueSchemas[c.field].safeParse(c.value);
  if (!r.success) {
    const issue = r.error.issues[0];
    ctx.addIssue({ code: 'custom', path: ['value', ...issue.path.map(String)], message: issue.message });
  } else c.value = r.data;
});
export type NewCorrection = z.infer<typeof NewCorrectionSchema>;
