// The notebook bundle: one JSON document holding a notebook's objects and its sources' texts, for
// export, for scripts that produce notebooks, and for moving work between notebooks. Pure: builds
// and describes bundles, never reads or writes files (see notebook/node/bundle-import.ts).
import { z } from 'zod';
import { Claim, COLLECTION, Entity, Excerpt, Hypothesis, Id, Instant, Link, Proposition, Question, Source, SourceContent, type Kind, Notebook } from './model.js';

export const BUNDLE_FORMAT = 'corroborate-bundle';
/**
 * Follows notebook.json's schemaVersion: v2 added `propositions`, `questions` and `hypotheses`, and
 * excerpts' `mentions`; v3 the tag colours in the notebook's settings; v4 each source's
 * dismissed suggestions. Older bundles still import:
 * what they lack is empty (notebook/common/migrations.ts).
 */
export const BUNDLE_SCHEMA_VERSION = 4;

/** A source with its normalised text, and its original bytes when they differ from that text. */
export const BundleSource = Source.extend({
  text: z.string(),
  /** The imported original, base64, present only when its sha256 differs from the text's. */
  originalBase64: z.string().optional(),
});
export type BundleSource = z.infer<typeof BundleSource>;

/** A bundle as Corroborate writes it: complete, trashed objects included (deletedAt kept). */
export const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
  exportedAt: Instant,
  notebook: z.object({ id: Id, name: z.string(), createdAt: Instant, settings: Notebook.shape.settings }),
  sources: z.array(BundleSource),
  excerpts: z.array(Excerpt),
  claims: z.array(Claim),
  links: z.array(Link),
  entities: z.array(Entity),
  propositions: z.array(Proposition),
  questions: z.array(Question),
  hypotheses: z.array(Hypothesis),
});
export type Bundle = z.infer<typeof Bundle>;

// ── What an importer accepts ───────────────────────────────────────────────────────────────────
// Scripts that produce bundles need not compute hashes or stamp times: a source may leave out
// `content` or any part of it (the importer computes it from `text`, media type text/plain), and
// any object may leave out createdAt/updatedAt (filled with the import time). Ids are required and
// kept, so importing the same bundle twice adds nothing the second time.

const producedTimes = { createdAt: Instant.optional(), updatedAt: Instant.optional() };

export const BUNDLE_INPUT_SCHEMAS = {
  source: BundleSource.extend({ ...producedTimes, content: SourceContent.partial().optional() }),
  excerpt: Excerpt.extend(producedTimes),
  claim: Claim.extend(producedTimes),
  link: Link.extend(producedTimes),
  entity: Entity.extend(producedTimes),
  proposition: Proposition.extend(producedTimes),
  question: Question.extend(producedTimes),
  hypothesis: Hypothesis.extend(producedTimes),
} as const satisfies Record<Kind, z.ZodType>;
export type BundleInputObject<K extends Kind> = z.infer<(typeof BUNDLE_INPUT_SCHEMAS)[K]>;

/** The envelope; each object is checked on its own so an error can name it. */
export const BundleEnvelope = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.number().int().positive(),
  exportedAt: Instant.optional(),
  notebook: z.object({ id: Id, name: z.string(), createdAt: Instant, settings: Notebook.shape.settings }).partial().optional(),
  sources: z.array(z.unknown()).default([]),
  excerpts: z.array(z.unknown()).default([]),
  claims: z.array(z.unknown()).default([]),
  links: z.array(z.unknown()).default([]),
  entities: z.array(z.unknown()).default([]),
  propositions: z.array(z.unknown()).default([]),
  questions: z.array(z.unknown()).default([]),
  hypotheses: z.array(z.unknown()).default([]),
});

/** The bundle key of each kind: the notebook's collection names. */
export const BUNDLE_KEY = COLLECTION;

// ── Building ───────────────────────────────────────────────────────────────────────────────────

export interface BundleFiles {
  /** The normalised text stored under this sha256. */
  text(sha256: string): string;
  /** The original stored under this sha256, base64. */
  originalBase64(sha256: string): string;
}

const byId = <T extends { id: string }>(objects: Record<string, T>): T[] =>
  Object.values(objects).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The bundle of a whole notebook, trash included; objects in id (that is, creation) order. */
export function buildBundle(notebook: Notebook, files: BundleFiles, exportedAt: Instant): Bundle {
  return {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt,
    notebook: { id: notebook.id, name: notebook.name, createdAt: notebook.createdAt, settings: notebook.settings },
    sources: byId(notebook.sources).map((source) => {
      const { textSha256, originalSha256 } = source.content;
      const text = files.text(textSha256);
      return originalSha256 === textSha256 ? { ...source, text } : { ...source, text, originalBase64: files.originalBase64(originalSha256) };
    }),
    excerpts: byId(notebook.excerpts),
    claims: byId(notebook.claims),
    links: byId(notebook.links),
    entities: byId(notebook.entities),
    propositions: byId(notebook.propositions),
    questions: byId(notebook.questions),
    hypotheses: byId(notebook.hypotheses),
  };
}
