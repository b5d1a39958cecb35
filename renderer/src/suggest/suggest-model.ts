// What the Suggestions panel shows and keeps: a candidate's quote with its claimant and reporting
// verb marked, the analyst's edits of a candidate (kept while the panel is closed, never written
// until Accept), what Accept will record, and which candidates are already claims. Pure: never
// changes the notebook and never calls the host.
import type { EntityKind, Stance, SuggestedClaim, SuggestedEntity } from '../../../notebook/common/suggest/types.js';
import { acceptedClaimOf, entityByName, foldName, type EditedSuggestion } from '../../../notebook/common/suggest/accept.js';
import type { Id, Notebook } from '../../../notebook/common/model.js';

/** A piece of a quote: plain, or the claimant's name, or the reporting verb. */
export interface QuotePart {
  text: string;
  mark?: 'claimant' | 'verb';
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/** Where `needle` occurs in `haystack` as whole words, ignoring case; -1 when it does not. */
function findWords(haystack: string, needle: string, from = 0): number {
  const h = haystack.toLocaleLowerCase();
  const n = needle.trim().toLocaleLowerCase();
  if (!n || h.length !== haystack.length) return -1; // case folding changed the length: offsets would not line up
  for (let at = h.indexOf(n, from); at >= 0; at = h.indexOf(n, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + n.length];
    if ((before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after))) return at;
  }
  return -1;
}

/**
 * The quote cut into parts with the claimant (its name, or one of its other forms) and the
 * reporting verb marked where they occur in it, so the analyst sees at a glance who says what.
 * A claimant resolved from a pronoun ("She") is not in the quote under its name and stays
 * unmarked; marks never overlap (the claimant wins), and only the first occurrence is marked.
 */
export function quoteParts(exact: string, claimant: string, verb: string, otherNames: readonly string[] = []): QuotePart[] {
  const marks: { start: number; end: number; mark: 'claimant' | 'verb' }[] = [];
  for (const name of [claimant, ...otherNames].filter((n) => n.trim()).sort((a, b) => b.length - a.length)) {
    const at = findWords(exact, name);
    if (at >= 0) {
      marks.push({ start: at, end: at + name.trim().length, mark: 'claimant' });
      break;
    }
  }
  const claimantMark = marks[0];
  for (let from = 0; verb.trim(); ) {
    const at = findWords(exact, verb, from);
    if (at < 0) break;
    const end = at + verb.trim().length;
    if (!claimantMark || end <= claimantMark.start || at >= claimantMark.end) {
      marks.push({ start: at, end, mark: 'verb' });
      break;
    }
    from = at + 1;
  }
  marks.sort((a, b) => a.start - b.start);
  const parts: QuotePart[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) parts.push({ text: exact.slice(at, m.start) });
    parts.push({ text: exact.slice(m.start, m.end), mark: m.mark });
    at = m.end;
  }
  if (at < exact.length) parts.push({ text: exact.slice(at) });
  return parts;
}

/** What the analyst can change before accepting. */
export interface Draft {
  statement: string;
  claimant: string;
  /** The kind a claimant that is no entity yet is created with. */
  claimantKind: EntityKind;
  stance: Stance;
}

export function draftOf(suggestion: SuggestedClaim): Draft {
  return { statement: suggestion.proposition, claimant: suggestion.claimant, claimantKind: suggestion.claimantKind, stance: suggestion.stance };
}

export function isEdited(suggestion: SuggestedClaim, draft: Draft): boolean {
  const original = draftOf(suggestion);
  return draft.statement !== original.statement || draft.claimant !== original.claimant || draft.claimantKind !== original.claimantKind || draft.stance !== original.stance;
}

/**
 * What Accept records for a candidate with the analyst's draft: the claimant is the live entity
 * the typed name (or alias) names, else, while the name is the suggester's, the entity it matched,
 * else a new entity (the suggester's fullest name and aliases when the name is one of its forms).
 */
export function editedOf(notebook: Notebook, suggestion: SuggestedClaim, draft: Draft): EditedSuggestion {
  const named = entityByName(notebook, draft.claimant);
  const unchanged = foldName(draft.claimant) === foldName(suggestion.claimant);
  return {
    start: suggestion.start,
    end: suggestion.end,
    exact: suggestion.exact,
    prefix: suggestion.prefix,
    suffix: suggestion.suffix,
    claimant: draft.claimant,
    claimantKind: draft.claimantKind,
    entityKey: suggestion.entityKey,
    entityId: named?.id ?? (unchanged ? suggestion.entityId : null),
    stance: draft.stance,
    proposition: draft.statement,
  };
}

/** The claimant as Accept will record it: a known entity's name, or the name of the entity to be made, and which. */
export function claimantOutcome(notebook: Notebook, edited: EditedSuggestion, entities: readonly SuggestedEntity[]): { name: string; known: boolean } {
  const known = edited.entityId ? notebook.entities[edited.entityId] : undefined;
  if (known && !known.deletedAt) return { name: known.name, known: true };
  const typed = edited.claimant.trim();
  const suggested = entities.find((e) => e.key === edited.entityKey && [e.name, ...e.aliases].some((n) => foldName(n) === foldName(typed)));
  return { name: suggested?.name ?? typed, known: false };
}

// ── Kept drafts and acceptances ────────────────────────────────────────────────────────────────
// In memory for this window only: closing the panel (or looking at a claim) never drops an edit,
// and a candidate accepted with an edited claimant is still known as accepted.

const drafts = new Map<string, Draft>();
const accepted = new Map<string, Id>();
const slot = (sourceId: Id, key: string) => `${sourceId}\u0000${key}`;

export function keptDraft(sourceId: Id, suggestion: SuggestedClaim): Draft {
  return drafts.get(slot(sourceId, suggestion.key)) ?? draftOf(suggestion);
}

export function keepDraft(sourceId: Id, suggestion: SuggestedClaim, draft: Draft): void {
  if (isEdited(suggestion, draft)) drafts.set(slot(sourceId, suggestion.key), draft);
  else drafts.delete(slot(sourceId, suggestion.key));
}

export function rememberAccepted(sourceId: Id, key: string, claimId: Id): void {
  accepted.set(slot(sourceId, key), claimId);
  drafts.delete(slot(sourceId, key));
}

/**
 * The live claim this candidate became, if any: the one accepted from it in this window (while it
 * is live: an Undo makes the candidate acceptable again), else one the notebook shows was made of
 * it (the same range, linked, by the same claimant).
 */
export function claimOfCandidate(notebook: Notebook, sourceId: Id, suggestion: SuggestedClaim): Id | null {
  const remembered = accepted.get(slot(sourceId, suggestion.key));
  const claim = remembered ? notebook.claims[remembered] : undefined;
  if (claim && !claim.deletedAt) return claim.id;
  return acceptedClaimOf(notebook, sourceId, suggestion);
}
