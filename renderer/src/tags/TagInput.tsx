// The tags of a source, excerpt or claim: its chips, each with "Remove tag <name>", and the field
// "Add tag" (a WAI-ARIA APG editable combobox with list autocomplete) offering the notebook's tags.
// Enter or a comma adds what is typed (or the suggestion chosen with the arrow keys). Each add or
// remove is one operation, so one undo step. Never loses what was typed: a tag that cannot be one,
// or a change the notebook refused, leaves the text in the field and says why.
import './tags.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { now } from '../../../notebook/common/ids.js';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { addTagOp, removeTagOp, tagProblem, tagTree, type TaggableKind } from '../../../notebook/common/tags.js';
import { errorMessage } from '../client.js';
import { dropDraft, keepDraft, keptDraft } from '../inspector/kept-drafts.js';
import { applyOperation, undo } from '../state.js';
import { isMac } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import { tagColorOf } from './tag-colors.js';
import { TagChip, tagColorClass } from './TagChip.js';
import { suggestTags } from './tag-suggest.js';

export interface TagInputProps {
  notebook: Notebook;
  kind: TaggableKind;
  id: Id;
  tags: readonly string[];
  readOnly: boolean;
  /** The id of the heading that names the tags ("Tags"); the chip list is labelled by it. */
  labelledBy: string;
}

export function TagInput({ notebook, kind, id, tags, readOnly, labelledBy }: TagInputProps) {
  const ownId = useId();
  const listId = `${ownId}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // A tag half typed is kept while the inspector shows something else, like every other draft.
  const draftKey = `tag:${kind}:${id}`;
  const [text, setText] = useState(() => keptDraft<string>(draftKey) ?? '');
  useEffect(() => {
    if (text) keepDraft(draftKey, text);
    else dropDraft(draftKey);
  }, [text, draftKey]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  // Read from the notebook only while the list is open: the field sits in the inspector, which
  // renders on every change, and most of those renders never look at the suggestions.
  const allTags = () => tagTree(notebook).map((n) => n.path);
  const suggestions = open ? suggestTags(allTags(), text, tags) : [];
  const shown = open && suggestions.length > 0;
  const activeIndex = active < suggestions.length ? active : -1;
  const colors = notebook.settings.tagColors;

  const run = async (op: Operation | null, done: string, failed: string): Promise<boolean> => {
    if (!op) return true;
    busy.current = true;
    try {
      await applyOperation(op);
      notify('status', done);
      return true;
    } catch (e) {
      setError(`${failed}: ${errorMessage(e)}`);
      return false;
    } finally {
      busy.current = false;
    }
  };

  const add = async (raw: string) => {
    if (busy.current || readOnly) return;
    const problem = tagProblem(raw);
    if (problem) {
      setError(problem);
      return;
    }
    let op: Operation | null;
    try {
      op = addTagOp(notebook, kind, id, raw, now());
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setError(null);
    const tag = op?.type === 'update' ? ((op.set.tags as string[]).at(-1) ?? raw) : raw.trim();
    if (await run(op, `Tagged the ${kind} “${tag}”.`, `The tag was not added`)) {
      setText('');
      setOpen(false);
      setActive(-1);
    }
  };

  const remove = async (tag: string, index: number) => {
    if (busy.current || readOnly) return;
    setError(null);
    // The button pressed goes with its chip: the keyboard carries on at the next chip, or the field.
    const next = tags[index + 1] ?? tags[index - 1];
    if (await run(removeTagOp(notebook, kind, id, tag, now()), `Took the tag “${tag}” off the ${kind}.`, `The tag was not removed`)) {
      const buttons = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>('button.tag-remove') ?? [])];
      (buttons.find((b) => b.dataset.tag === next) ?? inputRef.current)?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const mod = isMac ? event.metaKey : event.ctrlKey;
    if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = activeIndex >= 0 ? suggestions[activeIndex] : undefined;
      if (chosen !== undefined || text.trim()) void add(chosen ?? text);
    } else if (event.key === ',') {
      event.preventDefault();
      if (text.trim()) void add(text);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : suggestTags(allTags(), text, tags).length - 1);
        return;
      }
      const n = suggestions.length;
      if (n === 0) return;
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1 >= n ? -1 : i + 1) : i <= -1 ? n - 1 : i - 1));
    } else if (event.key === 'Escape') {
      // The list closes first; then the text goes; only an empty, closed field lets Escape through
      // (to close the form or dialog it sits in).
      if (shown) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        event.preventDefault();
        event.stopPropagation();
        setText('');
        setError(null);
      }
    } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z' && !text) {
      // An empty field has nothing of its own to undo: Ctrl+Z undoes the last change to the
      // notebook, as it does outside a field (a tag just added, typically).
      event.preventDefault();
      undo().then(
        (applied) => {
          if (!applied) notify('status', 'Nothing to undo.');
        },
        (e: unknown) => notify('error', `Undo failed: ${errorMessage(e)}`),
      );
    }
  };

  return (
    <div ref={rootRef} className="tag-input">
      {tags.length > 0 ? (
        <ul className="tag-chips" aria-labelledby={labelledBy}>
          {tags.map((tag, i) => (
            <TagChip key={tag} tag={tag} tagColors={colors}>
              {!readOnly && (
                <button type="button" data-tag={tag} className="tag-remove" aria-label={`Remove tag ${tag}`} title={`Remove tag ${tag}`} onClick={() => void remove(tag, i)}>
                  {/* The × is drawn by tags.css, so the chip's text is the tag's name alone. */}
                </button>
              )}
            </TagChip>
          ))}
        </ul>
      ) : (
        <p className="empty tag-empty">No tags.</p>
      )}
      {!readOnly && (
        <div className="tag-combobox">
          <input
            ref={inputRef}
            id={`${ownId}-input`}
            type="text"
            role="combobox"
            aria-label="Add tag"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={listId}
            aria-activedescendant={shown && activeIndex >= 0 ? `${ownId}-option-${activeIndex}` : undefined}
            aria-describedby={`${ownId}-hint${error ? ` ${ownId}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder="Add tag…"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              setActive(-1);
              if (error) setError(null);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              setOpen(false);
              setActive(-1);
            }}
          />
          <span id={`${ownId}-hint`} className="visually-hidden">
            Enter or a comma adds the tag; / for levels, e.g. weapons/artillery.
          </span>
          {/* The listbox stays in the page (empty when closed) so aria-controls always names something. */}
          <ul id={listId} role="listbox" aria-label="Tag suggestions" className="tag-listbox" hidden={!shown}>
            {suggestions.map((tag, i) => (
              <li
                key={tag}
                id={`${ownId}-option-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={['tag-option', tagColorClass(tagColorOf(colors, tag))].filter(Boolean).join(' ')}
                // Chosen on mousedown, before the field loses focus and the list closes.
                onMouseDown={(e) => {
                  e.preventDefault();
                  void add(tag);
                }}
              >
                {tagColorOf(colors, tag) && <span className="tag-swatch" aria-hidden="true" />}
                {tag}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p id={`${ownId}-error`} role="alert" className="tag-input-error">
          {error}
        </p>
      )}
    </div>
  );
}
