// What the Export, Merge, Import and Notebook settings dialogs say and send, as pure functions:
// counts in words, conflict fields in the analyst's terms, the settings operation. Never calls the
// host and never touches the DOM.
import type { AnnotationImport, CslImport, KindCounts, MergeConflict, MergeResult } from '../../../notebook/common/api.js';
import { COLLECTION, KINDS, type Id, type Kind, type Notebook } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { formatLooseDate, plural } from '../ui/format.js';

export type Resolution = 'mine' | 'theirs';

const KIND_PLURAL: Record<Kind, string> = COLLECTION;

export function total(counts: KindCounts): number {
  return KINDS.reduce((n, k) => n + counts[k], 0);
}

/** "2 sources, 1 claim and 3 links", or "nothing" when every count is 0. */
export function describeCounts(counts: KindCounts): string {
  const parts = KINDS.filter((k) => counts[k] > 0).map((k) => plural(counts[k], k, KIND_PLURAL[k]));
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The kind of an object as a sentence starts with it: "Claim", "Entity". */
export function kindLabel(kind: Kind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** Model field names the analyst knows by another name. */
const FIELD_LABELS: Record<string, string> = {
  deletedAt: 'in the trash or not',
  claimantId: 'claimant',
  propositionId: 'proposition',
  sourceId: 'source',
  parentSourceId: 'reported source',
  questionId: 'question',
  claimedAt: 'date claimed',
  selectors: 'position and quote',
  content: 'stored text',
  fromId: 'from',
  toId: 'to',
  fromKind: 'from',
  toKind: 'to',
  evidence: 'evidence rows',
  mentions: 'mentioned entities',
  attribution: 'attribution chain',
  url: 'URL',
};

/** A field as the analyst reads it: claimantId → "claimant", credibility → "credibility". */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The differing fields in words, each once: "credibility, notes and in the trash or not". */
export function describeFields(fields: readonly string[]): string {
  const labels = [...new Set(fields.map(fieldLabel))];
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** An instant as the dialog shows it, in UTC so both dates compare at a glance: "2 Nov 2023, 08:00 UTC". */
export function formatInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${formatLooseDate(m[1])}, ${m[2]} UTC` : iso;
}

/** Which of the two versions was saved later, when the dates say. */
export function newer(conflict: MergeConflict): Resolution | null {
  if (conflict.mineUpdatedAt === conflict.theirsUpdatedAt) return null;
  return conflict.mineUpdatedAt > conflict.theirsUpdatedAt ? 'mine' : 'theirs';
}

/** Whether every conflict has a choice: until then the merge cannot start. */
export function everyConflictChosen(conflicts: readonly MergeConflict[], choices: Readonly<Record<Id, Resolution>>): boolean {
  return conflicts.every((c) => choices[c.id] === 'mine' || choices[c.id] === 'theirs');
}

/** The same choice for every conflict ("Keep all mine", "Take all theirs"). */
export function chooseAll(conflicts: readonly MergeConflict[], which: Resolution): Record<Id, Resolution> {
  return Object.fromEntries(conflicts.map((c) => [c.id, which]));
}

/** What a merge did, for the status line: "Merged the bundle: added 3 claims; 40 already here; took 1 of theirs, kept 1 of yours." */
export function mergeOutcome(result: MergeResult, choices: Readonly<Record<Id, Resolution>>): string {
  const added = total(result.added);
  const skipped = total(result.skipped);
  const taken = result.conflicts.filter((c) => choices[c.id] === 'theirs').length;
  const kept = result.conflicts.length - taken;
  if (!result.applied) return `Nothing to merge: ${skipped ? `all ${plural(skipped, 'object')} of the bundle are already in this notebook` : 'the bundle is empty'}${kept ? `, and ${plural(kept, 'version')} of yours kept` : ''}.`;
  const parts = [added ? `added ${describeCounts(result.added)}` : 'added nothing new'];
  if (skipped) parts.push(`${skipped} already here`);
  if (result.conflicts.length) parts.push(`took ${taken} of theirs, kept ${kept} of yours`);
  return `Merged the bundle: ${parts.join('; ')}.`;
}

/** What an annotation import did, for the status line. */
export function annotationOutcome(result: AnnotationImport): string {
  const parts = [`${plural(result.anchored, 'excerpt')} added${result.fuzzy ? ` (${result.fuzzy} by fuzzy quote match)` : ''}`];
  if (result.skipped) parts.push(`${result.skipped} already here`);
  if (result.orphaned.length) parts.push(`${plural(result.orphaned.length, 'annotation')} could not be anchored`);
  return `${parts.join('; ')}.`;
}

/** What a CSL-JSON import did, for the status line. */
export function cslOutcome(result: CslImport): string {
  const updated = result.updated ? `Updated the details of ${plural(result.updated, 'source')}` : 'No source was updated';
  return `${updated}${result.unmatched.length ? `; ${plural(result.unmatched.length, 'item')} matched no source` : ''}.`;
}

export interface SettingsDraft {
  name: string;
  organisation: string;
  publicationUrl: string;
  notes: string;
}

/** What is wrong with the draft, naming the field, or null. */
export function settingsProblem(draft: SettingsDraft): string | null {
  const url = draft.publicationUrl.trim();
  if (!url) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    return `Publication page must be a web address starting with https:// (or http://), not “${url}”.`;
  }
  return null;
}

/** The one settings operation that saves the draft, with only what changed; null when nothing did. */
export function settingsOperation(notebook: Notebook, draft: SettingsDraft): Operation | null {
  const set: { name?: string; organisation?: string; publicationUrl?: string; notes?: string } = {};
  const name = draft.name.trim();
  const organisation = draft.organisation.trim();
  const publicationUrl = draft.publicationUrl.trim();
  if (name !== notebook.name) set.name = name;
  if (organisation !== notebook.settings.organisation) set.organisation = organisation;
  if (publicationUrl !== notebook.settings.publicationUrl) set.publicationUrl = publicationUrl;
  if (draft.notes !== notebook.settings.notes) set.notes = draft.notes;
  return Object.keys(set).length ? { type: 'settings', set } : null;
}

/** A preview shows at most `limit` characters: a notebook bundle with its originals can be hundreds of megabytes. */
export function previewOf(text: string, limit = 200_000): { text: string; cut: boolean } {
  if (text.length <= limit) return { text, cut: false };
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return { text: text.slice(0, end), cut: true };
}
