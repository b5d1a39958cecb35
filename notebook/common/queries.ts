// Read-only views over a notebook that every host and the UI share: what is live, what supports
// what. Runs anywhere. Linear scans for now; indexes come with the performance work.
import { collection, KINDS, type Claim, type Excerpt, type Id, type Link, type Notebook, type Source } from './model.js';

const liveValues = <T extends { deletedAt?: string }>(objects: Record<Id, T>): T[] => Object.values(objects).filter((o) => !o.deletedAt);

/**
 * Dates and instants are ISO 8601 (2023, 2023-10, 2023-10-14, or an instant in UTC), so their
 * order is their code units' order: compared as such, not with localeCompare, whose collation
 * cost seconds when sorting 40,000 claims at each change.
 */
export const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By creation, oldest first; the library lists keep objects made at the same instant in the order they came. */
export const byCreationTime = (a: { createdAt: string }, b: { createdAt: string }): number => compareIso(a.createdAt, b.createdAt);

/** By creation, ties broken by id: how the analysis orders claims, so every view of them agrees. */
export const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number => byCreationTime(a, b) || compareIso(a.id, b.id);

export function liveSources(notebook: Notebook): Source[] {
  return liveValues(notebook.sources).sort(byCreationTime);
}

export function liveClaims(notebook: Notebook): Claim[] {
  return liveValues(notebook.claims).sort(byCreationTime);
}

/** A source's live excerpts in reading order (start, then longer first). */
export function excerptsOfSource(notebook: Notebook, sourceId: Id): Excerpt[] {
  return liveValues(notebook.excerpts)
    .filter((e) => e.sourceId === sourceId)
    .sort(inReadingOrder);
}

/** Reading order of a source's excerpts: by start, the longer first, then (the same passage twice) by id, so every list agrees. */
export function inReadingOrder(a: Excerpt, b: Excerpt): number {
  return a.selectors.position.start - b.selectors.position.start || b.selectors.position.end - a.selectors.position.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The live links into a claim: its evidence. */
export function evidenceFor(notebook: Notebook, claimId: Id): Link[] {
  return liveValues(notebook.links).filter((l) => l.toId === claimId);
}

/** The live links out of an excerpt or claim: the claims it bears on. */
export function linksFrom(notebook: Notebook, fromId: Id): Link[] {
  return liveValues(notebook.links).filter((l) => l.fromId === fromId);
}

export interface Counts {
  sources: number;
  excerpts: number;
  claims: number;
  links: number;
  entities: number;
  propositions: number;
  questions: number;
  hypotheses: number;
  /** Objects of every kind in the trash. */
  trashed: number;
}

/** How many live objects of each kind, and how many in the trash. */
export function counts(notebook: Notebook): Counts {
  const all = KINDS.map((kind) => collection(notebook, kind) as Record<Id, { deletedAt?: string }>);
  return {
    sources: liveValues(notebook.sources).length,
    excerpts: liveValues(notebook.excerpts).length,
    claims: liveValues(notebook.claims).length,
    links: liveValues(notebook.links).length,
    entities: liveValues(notebook.entities).length,
    propositions: liveValues(notebook.propositions).length,
    questions: liveValues(notebook.questions).length,
    hypotheses: liveValues(notebook.hypotheses).length,
    trashed: all.reduce((n, c) => n + Object.values(c).filter((o) => o.deletedAt).length, 0),
  };
}

/** The page (1-based) of a paged source on which code-point offset `at` lies, or undefined for unpaged sources. */
export function pageOf(source: Source, at: number): number | undefined {
  const starts = source.content.pageStarts;
  if (!starts?.length) return undefined;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
