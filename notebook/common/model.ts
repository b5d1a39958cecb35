// The notebook's data model, schemaVersion 3: the zod schemas are the single source of every type.
// Runs anywhere (Node, renderer): never imports Node, DOM, electron or react.
import { z } from 'zod';

/** The format version of notebook.json. v2 added propositions, questions and hypotheses (ACH), and
 * excerpts' confirmed entity mentions; v3 the colours of tags (settings.tagColors).
 * notebook/common/migrations.ts brings older notebooks up. */
export const SCHEMA_VERSION = 4;

/** UUIDv7 (RFC 9562), lower-case: time-ordered, so ids sort by creation. */
export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a UUIDv7');
export type Id = z.infer<typeof Id>;

/** An instant as ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
export const Instant = z.iso.datetime({ offset: false, precision: 3 });
export type Instant = z.infer<typeof Instant>;

/** A calendar date or partial date as an analyst knows it: 2024, 2024-03 or 2024-03-05, or a full instant. */
export const LooseDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'must be a date like 2024-03-05 (or 2024-03, 2024)');
export type LooseDate = z.infer<typeof LooseDate>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');

/** Fields every stored object has. Deletes are soft: `deletedAt` set means it is in the trash. */
const base = {
  id: Id,
  createdAt: Instant,
  updatedAt: Instant,
  deletedAt: Instant.optional(),
};

/** A tag: a path of names separated by "/" (weapons/artillery), the parent first. */
export const Tag = z.string().min(1).max(200);
const Tags = z.array(Tag).max(200);
/** A colour for highlights and tag chips: one of the app's named colours (see the renderer's palette). */
export const TagColor = z.string().min(1).max(40);

// ── Sources ────────────────────────────────────────────────────────────────────────────────────

export const SOURCE_TYPES = ['article', 'report', 'statement', 'transcript', 'social post', 'document', 'book', 'dataset', 'other'] as const;
export const SourceType = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof SourceType>;

/** Where a date came from, so a published date read from page metadata is told apart from one typed by hand. */
export const DateOrigin = z.enum(['analyst', 'file', 'metadata', 'import']);

export const SourceDate = z.object({
  value: LooseDate,
  from: DateOrigin,
  /** The exact place it was read from, e.g. "JSON-LD datePublished", "PDF info CreationDate". */
  detail: z.string().max(200).optional(),
});
export type SourceDate = z.infer<typeof SourceDate>;

/**
 * Admiralty (NATO STANAG 2511) source reliability.
 * A completely reliable · B usually reliable · C fairly reliable · D not usually reliable ·
 * E unreliable · F reliability cannot be judged.
 */
export const RELIABILITY = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;
export const ReliabilityGrade = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const Reliability = z.object({ grade: ReliabilityGrade, rationale: z.string().max(10_000).default('') });

/**
 * The stored text of a source. The normalised text is what excerpts anchor to; the original bytes
 * are kept so the analyst can prove what was imported. Both are content-addressed files
 * (sources/<sha256>) beside the notebook and never change.
 */
export const SourceContent = z.object({
  textSha256: Sha256,
  originalSha256: Sha256,
  /** IANA media type of the original, e.g. text/plain, text/markdown. */
  mediaType: z.string().min(1).max(200),
  /** File name the original had, when it came from a file. */
  filename: z.string().max(1000).optional(),
  /** Length of the normalised text in Unicode code points. */
  length: z.number().int().nonnegative(),
  /**
   * Paged originals (PDF): the code-point offset where each page begins in the normalised text,
   * ascending, the first 0; page n starts at pageStarts[n - 1]. Lets an excerpt cite "p. 12".
   */
  pageStarts: z.array(z.number().int().nonnegative()).optional(),
  /** Headings kept from the original's structure: the code-point offset of each heading's line and its level (1–6). */
  headings: z.array(z.object({ start: z.number().int().nonnegative(), level: z.number().int().min(1).max(6) })).optional(),
  /** What the analyst must know about the import, e.g. a PDF without a text layer. */
  notice: z.string().max(2000).optional(),
});
export type SourceContent = z.infer<typeof SourceContent>;

export const Source = z.object({
  ...base,
  title: z.string().trim().min(1, 'a source needs a title').max(2000),
  type: SourceType.default('article'),
  authors: z.array(z.string().min(1).max(500)).max(200).default([]),
  publisher: z.string().max(500).default(''),
  language: z.string().max(35).default(''),
  url: z.string().max(4000).default(''),
  dates: z
    .object({
      published: SourceDate.optional(),
      modified: SourceDate.optional(),
      accessed: SourceDate.optional(),
      captured: SourceDate.optional(),
    })
    .default({}),
  reliability: Reliability.optional(),
  /** For reported speech: the source this one reports (wire report → agency statement). */
  parentSourceId: Id.optional(),
  content: SourceContent,
  tags: Tags.default([]),
  notes: z.string().max(1_000_000).default(''),
  /**
   * Suggested claims (notebook/common/suggest) the analyst dismissed, by their key: the
   * suggestion's range in the text, which never changes, and its claimant. Not offered again.
   */
  dismissedSuggestions: z.array(z.string().min(1).max(1000)).max(100_000).default([]),
});
export type Source = z.infer<typeof Source>;

// ── Excerpts ───────────────────────────────────────────────────────────────────────────────────

/** W3C Web Annotation TextPositionSelector: offsets in Unicode code points into the normalised text. */
export const TextPositionSelector = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end > s.start, { message: 'end must be after start' });
/** W3C Web Annotation TextQuoteSelector: the exact text with some context either side. */
export const TextQuoteSelector = z.object({
  exact: z.string().min(1),
  prefix: z.string().default(''),
  suffix: z.string().default(''),
});
export const Selectors = z.object({ position: TextPositionSelector, quote: TextQuoteSelector });
export type Selectors = z.infer<typeof Selectors>;

export const Excerpt = z.object({
  ...base,
  sourceId: Id,
  selectors: Selectors,
  note: z.string().max(1_000_000).default(''),
  tags: Tags.default([]),
  color: z.string().max(40).default(''),
  /** Entities this excerpt mentions, confirmed by the analyst (see the entity page). Soft references: a trashed entity stays listed here but is not shown. */
  mentions: z.array(Id).max(1000).default([]),
});
export type Excerpt = z.infer<typeof Excerpt>;

// ── Entities (claimants) ───────────────────────────────────────────────────────────────────────

export const ENTITY_KINDS = ['person', 'organisation', 'state', 'media outlet', 'place', 'group'] as const;
export const Entity = z.object({
  ...base,
  name: z.string().trim().min(1, 'an entity needs a name').max(500),
  kind: z.enum(ENTITY_KINDS).default('person'),
  aliases: z.array(z.string().min(1).max(500)).max(200).default([]),
  notes: z.string().max(1_000_000).default(''),
});
export type Entity = z.infer<typeof Entity>;

// ── Claims ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Admiralty information credibility: 1 confirmed by other sources · 2 probably true ·
 * 3 possibly true · 4 doubtful · 5 improbable · 6 truth cannot be judged.
 */
export const CREDIBILITY = {
  '1': 'Confirmed by other sources',
  '2': 'Probably true',
  '3': 'Possibly true',
  '4': 'Doubtful',
  '5': 'Improbable',
  '6': 'Truth cannot be judged',
} as const;
export const Credibility = z.object({ grade: z.enum(['1', '2', '3', '4', '5', '6']), rationale: z.string().max(10_000).default('') });

/** ICD 203 expressions of likelihood, each with its probability range in percent. */
export const LIKELIHOOD = {
  'almost no chance': [1, 5],
  'very unlikely': [5, 20],
  unlikely: [20, 45],
  'roughly even chance': [45, 55],
  likely: [55, 80],
  'very likely': [80, 95],
  'almost certain': [95, 99],
} as const;
export const Likelihood = z.enum(Object.keys(LIKELIHOOD) as [keyof typeof LIKELIHOOD, ...(keyof typeof LIKELIHOOD)[]]);

export const Assessment = z.object({
  likelihood: Likelihood.optional(),
  confidence: z.enum(['low', 'moderate', 'high']).optional(),
  basis: z.enum(['reported', 'assumption', 'judgment']).optional(),
  rationale: z.string().max(100_000).default(''),
});

/** One step of reported speech: publisher → intermediary → speaker, optionally shown by an excerpt. */
export const AttributionStep = z.object({
  entityId: Id.optional(),
  label: z.string().max(500).default(''),
  role: z.enum(['publisher', 'intermediary', 'speaker']),
  excerptId: Id.optional(),
});

export const Claim = z.object({
  ...base,
  /** The proposition, as one sentence. */
  statement: z.string().trim().min(1, 'a claim needs a statement').max(10_000),
  polarity: z.enum(['asserts', 'denies']).default('asserts'),
  claimantId: Id.optional(),
  /** Claims about the same proposition share it, so an assertion and its denial sit side by side. */
  propositionId: Id.optional(),
  attribution: z.array(AttributionStep).max(20).default([]),
  /** When the claim was made, which is not the source's publication date. */
  claimedAt: LooseDate.optional(),
  credibility: Credibility.optional(),
  status: z.enum(['unreviewed', 'in progress', 'assessed']).default('unreviewed'),
  assessment: Assessment.optional(),
  tags: Tags.default([]),
  notes: z.string().max(1_000_000).default(''),
});
export type Claim = z.infer<typeof Claim>;

// ── Links (evidence) ───────────────────────────────────────────────────────────────────────────

export const RELATIONS = ['supports', 'refutes', 'qualifies', 'context', 'contradicts'] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const Link = z.object({
  ...base,
  fromKind: z.enum(['excerpt', 'claim']),
  fromId: Id,
  toKind: z.enum(['claim']),
  toId: Id,
  relation: Relation,
  strength: z.enum(['weak', 'moderate', 'strong']).optional(),
  rationale: z.string().max(100_000).default(''),
});
export type Link = z.infer<typeof Link>;

// ── Propositions ───────────────────────────────────────────────────────────────────────────────

/**
 * What several claims are about: "North Korea supplied artillery to Russia", asserted by one
 * claimant and denied by another. Each claim keeps its own wording; the proposition groups them.
 */
export const Proposition = z.object({
  ...base,
  statement: z.string().trim().min(1, 'a proposition needs a statement').max(10_000),
  notes: z.string().max(1_000_000).default(''),
});
export type Proposition = z.infer<typeof Proposition>;

// ── Competing hypotheses (ACH) ─────────────────────────────────────────────────────────────────

/** ACH consistency of one item of evidence with one hypothesis (Heuer): very consistent … very inconsistent, or not applicable. */
export const RATINGS = {
  CC: 'Very consistent',
  C: 'Consistent',
  N: 'Neutral',
  I: 'Inconsistent',
  II: 'Very inconsistent',
  NA: 'Not applicable',
} as const;
export const RatingValue = z.enum(['CC', 'C', 'N', 'I', 'II', 'NA']);
export type RatingValue = z.infer<typeof RatingValue>;

export const Weight = z.enum(['low', 'medium', 'high']);
export type Weight = z.infer<typeof Weight>;

/** One row of a question's matrix: an excerpt or a claim taken as evidence. */
export const EvidenceRow = z.object({
  kind: z.enum(['excerpt', 'claim']),
  id: Id,
  relevance: Weight.default('medium'),
  /** Overrides the credibility weight derived from the grades (source reliability or claim credibility). */
  credibility: Weight.optional(),
});
export type EvidenceRow = z.infer<typeof EvidenceRow>;

/**
 * The question an ACH matrix answers ("Is North Korea supplying Russia with munitions?"), with its
 * evidence rows in the analyst's order. Rows refer softly: a trashed excerpt's row is hidden, not lost.
 */
export const Question = z.object({
  ...base,
  text: z.string().trim().min(1, 'a question needs its text').max(10_000),
  evidence: z.array(EvidenceRow).max(10_000).default([]),
  notes: z.string().max(1_000_000).default(''),
});
export type Question = z.infer<typeof Question>;

/** One competing answer to a question, with its rating against each evidence row (by the row's object id). */
export const Hypothesis = z.object({
  ...base,
  questionId: Id,
  statement: z.string().trim().min(1, 'a hypothesis needs a statement').max(10_000),
  ratings: z.record(Id, RatingValue).default({}),
  notes: z.string().max(1_000_000).default(''),
});
export type Hypothesis = z.infer<typeof Hypothesis>;

// ── The notebook ───────────────────────────────────────────────────────────────────────────────

/** The collections of a notebook, by the kind name used in operations, the API and the bundle. */
export const KINDS = ['source', 'excerpt', 'claim', 'link', 'entity', 'proposition', 'question', 'hypothesis'] as const;
export type Kind = (typeof KINDS)[number];
export const KindSchema = z.enum(KINDS);

export const OBJECT_SCHEMAS = {
  source: Source,
  excerpt: Excerpt,
  claim: Claim,
  link: Link,
  entity: Entity,
  proposition: Proposition,
  question: Question,
  hypothesis: Hypothesis,
} as const;
export type ObjectOf<K extends Kind> = z.infer<(typeof OBJECT_SCHEMAS)[K]>;
export type AnyObject = ObjectOf<Kind>;

const byId = <T extends z.ZodType>(schema: T) => z.record(Id, schema);

export const Notebook = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: Id,
  name: z.string().max(500),
  /** Settings of the notebook as a whole (see operations.ts `settings`). */
  settings: z
    .object({
      /** The analyst's organisation: the author of exported assessments (ClaimReview). */
      organisation: z.string().max(500).default(''),
      /** Where the organisation publishes its assessments: the page exported ClaimReviews point to (url). */
      publicationUrl: z.string().max(4000).default(''),
      /** The notebook-level note, Markdown. */
      notes: z.string().max(1_000_000).default(''),
      /** Colours the analyst gave tags, by tag path; a tag without one takes its nearest coloured parent's. */
      tagColors: z.record(Tag, TagColor).default({}),
    })
    .default({ organisation: '', publicationUrl: '', notes: '', tagColors: {} }),
  createdAt: Instant,
  sources: byId(Source),
  excerpts: byId(Excerpt),
  claims: byId(Claim),
  links: byId(Link),
  entities: byId(Entity),
  propositions: byId(Proposition),
  questions: byId(Question),
  hypotheses: byId(Hypothesis),
});
export type Notebook = z.infer<typeof Notebook>;

/** The collection key of each kind. */
export const COLLECTION = {
  source: 'sources',
  excerpt: 'excerpts',
  claim: 'claims',
  link: 'links',
  entity: 'entities',
  proposition: 'propositions',
  question: 'questions',
  hypothesis: 'hypotheses',
} as const satisfies Record<Kind, keyof Notebook>;

export function emptyNotebook(id: Id, name: string, createdAt: Instant): Notebook {
  return { schemaVersion: SCHEMA_VERSION, id, name, settings: { organisation: '', publicationUrl: '', notes: '', tagColors: {} }, createdAt, sources: {}, excerpts: {}, claims: {}, links: {}, entities: {}, propositions: {}, questions: {}, hypotheses: {} };
}

export function collection<K extends Kind>(notebook: Notebook, kind: K): Record<Id, ObjectOf<K>> {
  return notebook[COLLECTION[kind]] as Record<Id, ObjectOf<K>>;
}

/** The object of that kind and id, live or in the trash, or undefined. */
export function find<K extends Kind>(notebook: Notebook, kind: K, id: Id): ObjectOf<K> | undefined {
  return Object.hasOwn(collection(notebook, kind), id) ? collection(notebook, kind)[id] : undefined;
}
