// The Trash (File ▸ Trash…, and the command palette): what was moved to the trash, newest first,
// grouped by kind, each with what went with it and a Restore button. Restoring is one operation,
// one undo step (notebook/common/trash.ts decides what comes back). Never deletes anything for good.
import './trash.css';
import { useId, useMemo, useState } from 'react';
import type { Notebook } from '../../../notebook/common/model.js';
import { restoreOp, TRASH_KINDS, trashedItems, type TrashItem } from '../../../notebook/common/trash.js';
import { errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogError } from '../ui/Dialog.js';
import { countsText, KIND_WORDS, needsText, shortLabel, trashedWhen } from './trash-format.js';

/** More items than this and a filter box helps to find one. */
const FILTER_FROM = 8;

export interface TrashDialogProps {
  notebook: Notebook;
  /** Bumped on every change of the notebook (it is mutated in place). */
  revision: number;
  readOnly: boolean;
  onClose: () => void;
  /** Called once an item is back (the dialog's owner closes it, says so and shows the item). */
  onRestored: (item: TrashItem) => void;
}

export function TrashDialog({ notebook, revision, readOnly, onClose, onRestored }: TrashDialogProps) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The notebook is changed in place; `revision` says when.
  const items = useMemo(() => {
    void revision;
    return trashedItems(notebook);
  }, [notebook, revision]);
  const now = new Date();

  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length ? items.filter((item) => words.every((w) => `${item.label} ${KIND_WORDS[item.kind].one}`.toLowerCase().includes(w))) : items;
  const groups = TRASH_KINDS.map((kind) => ({ kind, items: shown.filter((i) => i.kind === kind) })).filter((g) => g.items.length);

  const restore = async (item: TrashItem) => {
    if (busy || readOnly) return;
    setBusy(item.id);
    setError(null);
    try {
      await applyOperation(restoreOp(notebook, item.kind, item.id));
      onRestored(item);
    } catch (e) {
      setError(`The ${KIND_WORDS[item.kind].one} “${shortLabel(item.label, 60)}” was not restored: ${errorMessage(e)}`);
      setBusy(null);
    }
  };

  return (
    <Dialog title="Trash" onCancel={onClose} wide>
      <div className="trash">
        {items.length === 0 ? (
          <div className="trash-empty">
            <p className="trash-empty-title">The trash is empty.</p>
            <p>
              Sources, excerpts, claims and anything else you move to the trash land here, with what went with them (a source’s excerpts and their
              links), and stay until you restore them.
            </p>
          </div>
        ) : (
          <>
            <p className="trash-intro" id={`${id}-intro`}>
              {items.length === 1 ? 'One thing is' : `${items.length} things are`} in the trash, newest first in each group. Restoring one brings back
              what went with it.
            </p>
            {readOnly && <p className="trash-read-only">This notebook is open read-only: nothing can be restored.</p>}
            {items.length > FILTER_FROM && (
              <div className="field trash-filter">
                <label htmlFor={`${id}-filter`}>Filter the trash</label>
                <input
                  id={`${id}-filter`}
                  type="search"
                  data-autofocus
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="A title, a quote, a statement, a name"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                />
              </div>
            )}
            <DialogError message={error} />
            <div className="trash-groups">
              {groups.map((group) => (
                <section key={group.kind} className="trash-group" aria-labelledby={`${id}-${group.kind}`}>
                  <h3 id={`${id}-${group.kind}`} className="trash-group-title">
                    {KIND_WORDS[group.kind].heading} <span className="trash-group-count">{group.items.length}</span>
                  </h3>
                  <ul className="trash-list" aria-label={KIND_WORDS[group.kind].heading}>
                    {group.items.map((item) => (
                      <TrashRow key={item.id} item={item} now={now} busy={busy === item.id} disabled={readOnly || (busy !== null && busy !== item.id)} onRestore={() => void restore(item)} />
                    ))}
                  </ul>
                </section>
              ))}
              {groups.length === 0 && (
                <p className="trash-none" role="status">
                  Nothing in the trash matches “{filter.trim()}”.
                </p>
              )}
            </div>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} data-autofocus={items.length <= FILTER_FROM ? true : undefined}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function TrashRow({ item, now, busy, disabled, onRestore }: { item: TrashItem; now: Date; busy: boolean; disabled: boolean; onRestore: () => void }) {
  const id = useId();
  const label = shortLabel(item.label);
  const went = countsText(item.withCounts);
  const needs = needsText(item);
  return (
    <li className="trash-item">
      <div className="trash-item-text">
        <span className={item.kind === 'excerpt' ? 'trash-item-label trash-item-quote' : 'trash-item-label'} title={item.label === label ? undefined : item.label}>
          {item.kind === 'excerpt' ? `“${label}”` : label}
        </span>
        <span className="trash-item-meta" id={`${id}-meta`}>
          {trashedWhen(item.deletedAt, now)}
          {went && ` · with ${went}`}
        </span>
        {needs && (
          <span className="trash-item-needs" id={`${id}-needs`}>
            {needs}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button button-small"
        aria-label={`Restore ${label}`}
        aria-describedby={needs ? `${id}-meta ${id}-needs` : `${id}-meta`}
        aria-busy={busy || undefined}
        disabled={disabled || busy}
        onClick={onRestore}
      >
        {busy ? 'Restoring…' : 'Restore'}
      </button>
    </li>
  );
}
