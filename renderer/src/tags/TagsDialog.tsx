// File ▸ Tags…: the notebook's tags as a tree, with how many sources, excerpts and claims carry
// each (live ones; a tag counts what is tagged below it too), a colour for each ("None" takes the
// nearest coloured parent's), and Rename, which renames a tag and the tags below it everywhere.
// Every change is one operation, so one undo step. Never drops a name being typed when a rename fails.
import './tags.css';
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { now } from '../../../notebook/common/ids.js';
import type { Notebook } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { parentTag, renameTag, setTagColorOp, tagProblem, tagTree, type TagNode } from '../../../notebook/common/tags.js';
import { errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogError } from '../ui/Dialog.js';
import { isMac, plural } from '../ui/format.js';
import { TAG_COLORS, isTagColor, tagColorOf, type TagColorName } from './tag-colors.js';
import { tagColorClass } from './TagChip.js';

const UNDO_KEYS = isMac ? '⌘Z' : 'Ctrl+Z';
const colorLabel = (color: string) => color.charAt(0).toUpperCase() + color.slice(1);

/** The nearest path above `tag` with a colour of its own, with that colour; null when none. */
function inheritedColor(tagColors: Readonly<Record<string, string>>, tag: string): { from: string; color: TagColorName } | null {
  for (let path = parentTag(tag); path !== null; path = parentTag(path)) {
    const color = Object.hasOwn(tagColors, path) ? tagColors[path] : undefined;
    if (color && isTagColor(color)) return { from: path, color };
  }
  return null;
}

export function TagsDialog({ notebook, revision, readOnly, onClose }: { notebook: Notebook; revision: number; readOnly: boolean; onClose: () => void }) {
  const id = useId();
  const tagColors = notebook.settings.tagColors;
  // A coloured tag nobody carries any more keeps its row, so its colour can be taken away.
  const tree = useMemo(() => {
    void revision;
    return tagTree(notebook, Object.keys(notebook.settings.tagColors));
  }, [notebook, revision]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState('');

  const run = async (op: Operation, done: string, failed: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await applyOperation(op);
      setStatus(`${done} ${UNDO_KEYS} (with this dialog closed) undoes it.`);
      return true;
    } catch (e) {
      setError(`${failed}: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const setColor = (tag: string, value: string) => {
    if (busy) return;
    const op = setTagColorOp(notebook, tag, value || null);
    if (!op) return;
    const inherited = inheritedColor(tagColors, tag);
    const done = value ? `“${tag}” is ${value} now.` : inherited ? `“${tag}” takes ${inherited.color} from “${inherited.from}” now.` : `“${tag}” has no colour now.`;
    void run(op, done, `The colour of “${tag}” was not changed`);
  };

  const startRename = (tag: string) => {
    setRenaming(tag);
    setNewName(tag);
    setError(null);
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!renaming || busy) return;
    const problem = tagProblem(newName);
    if (problem) {
      setError(`“${renaming}” was not renamed: ${problem}`);
      return;
    }
    let planned;
    try {
      planned = renameTag(notebook, renaming, newName, now());
    } catch (e) {
      setError(`“${renaming}” was not renamed: ${errorMessage(e)}`);
      return;
    }
    if (!planned.op) {
      setRenaming(null);
      return;
    }
    const done = `Renamed “${planned.from}” to “${planned.to}”${planned.objects ? ` on ${plural(planned.objects, 'object')}` : ''}.`;
    if (await run(planned.op, done, `“${renaming}” was not renamed`)) setRenaming(null);
  };

  const onRenameKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
      // Cancels the rename, not the dialog.
      event.preventDefault();
      event.stopPropagation();
      setRenaming(null);
      setError(null);
    }
  };

  return (
    <Dialog title="Tags" onCancel={onClose} wide>
      <div className="tags-dialog-body">
        <p className="hint" id={`${id}-hint`}>
          Counts are live sources, excerpts and claims with the tag or a tag below it. A tag without a colour of its own takes its nearest coloured parent’s; an excerpt’s highlight takes the colour of its first coloured tag.
        </p>
        {tree.length > 0 ? (
          <div className="tags-table-wrap" role="region" aria-label="Tags of this notebook" tabIndex={0}>
            <table className="tags-table" aria-describedby={`${id}-hint`}>
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col" className="tags-count-head">
                    Sources
                  </th>
                  <th scope="col" className="tags-count-head">
                    Excerpts
                  </th>
                  <th scope="col" className="tags-count-head">
                    Claims
                  </th>
                  <th scope="col">Colour</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tree.map((node) => (
                  <TagRow
                    key={node.path}
                    node={node}
                    tagColors={tagColors}
                    readOnly={readOnly}
                    busy={busy}
                    renaming={renaming === node.path}
                    newName={newName}
                    onNewName={setNewName}
                    onColor={setColor}
                    onStartRename={startRename}
                    onRename={rename}
                    onCancelRename={() => {
                      setRenaming(null);
                      setError(null);
                    }}
                    onRenameKeyDown={onRenameKeyDown}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">No tags yet. Tag an excerpt, a claim or a source in the inspector: type the tag in Add tag, with / for levels (weapons/artillery).</p>
        )}
        <DialogError message={error} />
        <p role="status" className="tags-status">
          {status}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

interface TagRowProps {
  node: TagNode;
  tagColors: Readonly<Record<string, string>>;
  readOnly: boolean;
  busy: boolean;
  renaming: boolean;
  newName: string;
  onNewName: (name: string) => void;
  onColor: (tag: string, color: string) => void;
  onStartRename: (tag: string) => void;
  onRename: (event: FormEvent) => void;
  onCancelRename: () => void;
  onRenameKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

function TagRow({ node, tagColors, readOnly, busy, renaming, newName, onNewName, onColor, onStartRename, onRename, onCancelRename, onRenameKeyDown }: TagRowProps) {
  const id = useId();
  const own = Object.hasOwn(tagColors, node.path) ? tagColors[node.path] : undefined;
  const effective = tagColorOf(tagColors, node.path);
  const inherited = own === undefined ? inheritedColor(tagColors, node.path) : null;
  return (
    <tr className={`tag-depth-${Math.min(node.depth, 5)}`}>
      <th scope="row">
        {renaming ? (
          <form className="tag-rename-form" onSubmit={onRename} noValidate>
            <input
              type="text"
              aria-label={`New name for ${node.path}`}
              value={newName}
              autoFocus
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => onNewName(e.target.value)}
              onKeyDown={onRenameKeyDown}
            />
            <button type="submit" className="button button-small button-primary" disabled={busy}>
              Rename
            </button>
            <button type="button" className="button button-small" onClick={onCancelRename}>
              Cancel
            </button>
          </form>
        ) : (
          <span className={['tag-path', tagColorClass(effective)].filter(Boolean).join(' ')}>
            {effective && <span className="tag-swatch" aria-hidden="true" />}
            {/* Indented, a child shows its last level; a screen reader hears the whole path. */}
            {node.parent ? (
              <>
                <span className="visually-hidden">{node.path}</span>
                <span aria-hidden="true">{node.name}</span>
              </>
            ) : (
              node.name
            )}
          </span>
        )}
      </th>
      <td className="tags-count">{node.counts.source}</td>
      <td className="tags-count">{node.counts.excerpt}</td>
      <td className="tags-count">{node.counts.claim}</td>
      <td>
        <div className="tag-color-cell">
          <select
            aria-label={`Colour of ${node.path}`}
            aria-describedby={inherited ? `${id}-inherited` : undefined}
            value={own ?? ''}
            disabled={readOnly || busy}
            onChange={(e) => onColor(node.path, e.target.value)}
          >
            <option value="">None</option>
            {own !== undefined && !isTagColor(own) && <option value={own}>{own} (not known to this version)</option>}
            {TAG_COLORS.map((color) => (
              <option key={color} value={color}>
                {colorLabel(color)}
              </option>
            ))}
          </select>
          {inherited && (
            <span id={`${id}-inherited`} className="tag-inherited">
              {inherited.color} from {inherited.from}
            </span>
          )}
        </div>
      </td>
      <td>
        {!renaming && (
          <button type="button" className="button button-small" aria-label={`Rename ${node.path}`} disabled={readOnly || busy} onClick={() => onStartRename(node.path)}>
            Rename
          </button>
        )}
      </td>
    </tr>
  );
}
