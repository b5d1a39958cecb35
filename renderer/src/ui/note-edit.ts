// Where each kind of object keeps its note, and the one operation that saves a note. Pure; never
// applies the operation (the caller does, so a save is one undo step).
import type { Id, Instant, Notebook } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { formatCount } from './format.js';

/** What can carry a note: the notebook itself, or one of its objects. */
export type NoteTarget =
  | { kind: 'notebook' }
  | { kind: 'source' | 'excerpt' | 'claim' | 'entity' | 'proposition' | 'question' | 'hypothesis'; id: Id };

/** The largest note the notebook keeps (model.ts), in UTF-16 units as the schema counts them. */
export const MAX_NOTE = 1_000_000;

const COLLECTIONS = {
  source: 'sources',
  excerpt: 'excerpts',
  claim: 'claims',
  entity: 'entities',
  proposition: 'propositions',
  question: 'questions',
  hypothesis: 'hypotheses',
} as const;

/** The field the note lives in: an excerpt's is `note` (as in the W3C annotation it maps to), every other's `notes`. */
export function noteField(kind: Exclude<NoteTarget['kind'], 'notebook'>): 'note' | 'notes' {
  return kind === 'excerpt' ? 'note' : 'notes';
}

/** The note as saved now ('' for none), or undefined when the object is not in the notebook. */
export function savedNote(notebook: Notebook, target: NoteTarget): string | undefined {
  if (target.kind === 'notebook') return notebook.settings.notes;
  const object = (notebook[COLLECTIONS[target.kind]] as Record<Id, Record<string, unknown>>)[target.id];
  if (!object) return undefined;
  const value = object[noteField(target.kind)];
  return typeof value === 'string' ? value : '';
}

/** The key its unsaved draft is kept under while the analyst looks at something else (kept-drafts.ts). */
export function noteDraftKey(target: NoteTarget): string {
  return target.kind === 'notebook' ? 'note:notebook' : `note:${target.kind}:${target.id}`;
}

/** Why a note cannot be saved as written, or null. */
export function noteProblem(text: string): string | null {
  return text.length > MAX_NOTE ? `A note is at most ${formatCount(MAX_NOTE)} characters; this one has ${formatCount(text.length)}` : null;
}

/**
 * The operation that saves `text` as the note, exactly as typed; null when it is what is saved
 * already. An object's update sets updatedAt too; the notebook's note is a settings operation.
 */
export function noteOperation(notebook: Notebook, target: NoteTarget, text: string, at: Instant): Operation | null {
  const saved = savedNote(notebook, target);
  if (saved === undefined || saved === text) return null;
  if (target.kind === 'notebook') return { type: 'settings', set: { notes: text } };
  return { type: 'update', kind: target.kind, id: target.id, set: { [noteField(target.kind)]: text, updatedAt: at }, unset: [] };
}
