// A note on an object (or on the notebook): shown rendered (Markdown.tsx) with "Edit note"; editing
// is a textarea "Note" with Save (Ctrl/Cmd+Enter) and Cancel (Escape). One save is one operation,
// so one undo step. Never loses what was typed: a draft outlives the inspector showing something
// else (kept-drafts.ts), and a save that fails keeps the text and says why.
import './note.css';
import { createElement, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { now } from '../../../notebook/common/ids.js';
import type { Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { dropDraft, keepDraft, keptDraft } from '../inspector/kept-drafts.js';
import { applyOperation } from '../state.js';
import { isMac, MOD } from './format.js';
import { Markdown } from './Markdown.js';
import { noteDraftKey, noteOperation, noteProblem, savedNote, type NoteTarget } from './note-edit.js';
import { notify } from './toasts.js';

export interface NoteEditorProps {
  notebook: Notebook;
  target: NoteTarget;
  readOnly: boolean;
  /** The heading over the note ("Note"), at `headingLevel`; null for none (the place it is shown in names it: then `label`). */
  title?: string | null;
  /** The name of the note's region: needed when it has no heading, or when several notes share one ("Note on the proposition"). */
  label?: string;
  headingLevel?: number;
  headingClassName?: string;
  /** Said when there is no note yet. */
  emptyText?: string;
  /** Rows of the textarea. */
  rows?: number;
}

export function NoteEditor({ notebook, target, readOnly, title = 'Note', label, headingLevel = 3, headingClassName = 'inspector-subhead', emptyText = 'No note yet.', rows = 8 }: NoteEditorProps) {
  const id = useId();
  const draftKey = noteDraftKey(target);
  const saved = savedNote(notebook, target) ?? '';
  const [restored] = useState(() => keptDraft<string>(draftKey) !== undefined);
  const [editing, setEditing] = useState(restored);
  const [text, setText] = useState(() => keptDraft<string>(draftKey) ?? saved);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const focusNext = useRef<'edit' | 'text' | null>(null);

  const dirty = editing && text !== saved;
  // What was typed outlives the editor: kept while it differs from the note, so showing another
  // object and coming back finds it; said out loud when the editor goes away with it.
  const unsaved = useRef(dirty);
  useEffect(() => {
    unsaved.current = dirty;
    if (dirty) keepDraft(draftKey, text);
    else dropDraft(draftKey);
  }, [dirty, text, draftKey]);
  useEffect(
    () => () => {
      if (unsaved.current) notify('status', 'Your unsaved note is kept: come back to it to save it.');
    },
    [],
  );

  useLayoutEffect(() => {
    if (focusNext.current === 'text') textarea.current?.focus();
    else if (focusNext.current === 'edit') editButton.current?.focus();
    focusNext.current = null;
  }, [editing]);

  const startEditing = () => {
    setText(saved);
    setError(null);
    focusNext.current = 'text';
    setEditing(true);
  };

  const stopEditing = () => {
    unsaved.current = false;
    dropDraft(draftKey);
    setError(null);
    focusNext.current = 'edit';
    setEditing(false);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const problem = noteProblem(text);
    if (problem) {
      setError(`The note was not saved: ${problem}`);
      return;
    }
    const op = noteOperation(notebook, target, text, now());
    if (!op) {
      stopEditing();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await applyOperation(op);
      notify('status', 'Note saved.');
      stopEditing();
    } catch (e) {
      setError(`The note was not saved: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    const mod = isMac ? event.metaKey : event.ctrlKey;
    if (event.key === 'Enter' && mod) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      // Cancel the edit, not the dialog or form around it.
      event.preventDefault();
      event.stopPropagation();
      stopEditing();
    }
  };

  const headId = `${id}-head`;
  const heading = title ? createElement(`h${Math.min(6, headingLevel)}`, { id: headId, className: headingClassName }, title) : null;

  return (
    <section className="note-editor" aria-labelledby={title && !label ? headId : undefined} aria-label={label ?? (title ? undefined : 'Note')}>
      {(heading || (!editing && !readOnly)) && (
        <div className="note-head">
          {heading}
          {!editing && !readOnly && (
            <button ref={editButton} type="button" className="button button-small" onClick={startEditing}>
              Edit note
            </button>
          )}
        </div>
      )}
      {editing && !readOnly ? (
        <form className="note-form" noValidate onSubmit={(e) => void save(e)} aria-busy={saving}>
          {restored && text !== saved && (
            <p role="note" className="note-notice">
              Unsaved note kept from before. Save it, or Cancel to keep the note as saved.
            </p>
          )}
          <label htmlFor={`${id}-text`} className="note-label">
            Note
          </label>
          <textarea
            ref={textarea}
            id={`${id}-text`}
            rows={rows}
            value={text}
            spellCheck
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={`${id}-hint`} className="hint note-hint">
            Markdown: **bold**, *italic*, - lists, [links](https://…). {MOD}Enter saves, Escape cancels.
          </p>
          {error && (
            <p id={`${id}-error`} role="alert" className="note-error">
              {error}
            </p>
          )}
          <div className="note-actions">
            <button type="submit" className="button button-primary button-small" disabled={saving}>
              Save
            </button>
            <button type="button" className="button button-small" onClick={stopEditing}>
              Cancel
            </button>
            {dirty && <span className="note-unsaved">Unsaved changes</span>}
          </div>
        </form>
      ) : saved.trim() ? (
        <Markdown text={saved} headingLevel={Math.min(6, headingLevel + (title ? 1 : 0))} className="note-rendered" />
      ) : (
        <p className="empty note-empty">{emptyText}</p>
      )}
    </section>
  );
}
