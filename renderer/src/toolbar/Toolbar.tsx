// The window's top bar: File menu (notebooks, import, export, settings), Undo/Redo, the notebook's name, and the read-only banner.
import type { ReactNode } from 'react';
import type { NotebookView } from '../../../notebook/common/api.js';
import { SEARCH_KEYS } from '../search/SearchDialog.js';
import { MOD } from '../ui/format.js';
import { FileMenu } from './FileMenu.js';

export interface ToolbarProps {
  view: NotebookView | null;
  onUndo: () => void;
  onRedo: () => void;
  onNewNotebook: () => void;
  onOpenNotebook: () => void;
  onImportFiles: () => void;
  onImportFolder: () => void;
  onImportBundle: () => void;
  onImportAnnotations: () => void;
  onImportCsl: () => void;
  onExport: () => void;
  onSettings: () => void;
  /** File ▸ Open recent: opens a notebook opened before, by its folder. */
  onOpenRecent?: (path: string) => void;
  /** File ▸ Trash…: what was moved to the trash, to restore. */
  onTrash?: () => void;
  /** File ▸ Tags…: the tag tree with counts and colours. */
  onTags?: () => void;
  /** File ▸ Notebook note…: the notebook's own note. */
  onNotebookNote?: () => void;
  /** Opens the search dialog (Ctrl/Cmd+K or /). */
  onSearch?: () => void;
  /** Shown after Undo/Redo: the view tabs. */
  children?: ReactNode;
}

export function Toolbar(props: ToolbarProps) {
  const { view, onUndo, onRedo, onNewNotebook, onOpenNotebook, onImportFiles, onImportFolder, children } = props;
  const readOnly = Boolean(view?.info.readOnly);
  const redoKeys = MOD === '⌘' ? '⇧⌘Z' : 'Ctrl+Shift+Z';
  return (
    <header className="toolbar">
      <div className="toolbar-row">
        <FileMenu
          items={[
            { label: 'New notebook…', onSelect: onNewNotebook },
            { label: 'Open notebook…', onSelect: onOpenNotebook },
            ...(props.onOpenRecent ? [{ recent: { currentPath: view?.info.path ?? null, onOpen: props.onOpenRecent } }] : []),
            { label: 'Import files…', onSelect: onImportFiles, disabled: readOnly },
            { label: 'Import folder…', onSelect: onImportFolder, disabled: readOnly },
            { label: 'Import notebook bundle…', onSelect: props.onImportBundle, disabled: readOnly },
            { label: 'Import annotations…', onSelect: props.onImportAnnotations, disabled: readOnly },
            { label: 'Import CSL-JSON…', onSelect: props.onImportCsl, disabled: readOnly },
            { label: 'Export…', onSelect: props.onExport },
            { label: 'Notebook settings…', onSelect: props.onSettings, disabled: readOnly },
            ...(props.onNotebookNote ? [{ label: 'Notebook note…', onSelect: props.onNotebookNote }] : []),
            ...(props.onTags ? [{ label: 'Tags…', onSelect: props.onTags }] : []),
            ...(props.onTrash ? [{ label: 'Trash…', onSelect: props.onTrash }] : []),
          ]}
        />
        <div className="toolbar-group" role="group" aria-label="History">
          <button
            type="button"
            className="toolbar-button"
            onClick={onUndo}
            disabled={!view?.canUndo || Boolean(view.info.readOnly)}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+Z' : 'Control+Z'}
            title={`Undo (${MOD}Z)`}
          >
            <span aria-hidden="true" className="toolbar-icon">
              ↶
            </span>
            Undo
          </button>
          <button
            type="button"
            className="toolbar-button"
            onClick={onRedo}
            disabled={!view?.canRedo || Boolean(view.info.readOnly)}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y'}
            title={`Redo (${redoKeys})`}
          >
            <span aria-hidden="true" className="toolbar-icon">
              ↷
            </span>
            Redo
          </button>
        </div>
        {props.onSearch && (
          <button type="button" className="toolbar-button" onClick={props.onSearch} aria-keyshortcuts={MOD === '⌘' ? 'Meta+K /' : 'Control+K /'} title={`Search the notebook (${SEARCH_KEYS})`}>
            <span aria-hidden="true" className="toolbar-icon">
              ⌕
            </span>
            Search
          </button>
        )}
        {children}
        <h1 className="notebook-name" title={view?.info.path}>
          {view ? view.info.name || 'Untitled notebook' : 'Corroborate'}
        </h1>
        <span className="app-name" aria-hidden="true">
          Corroborate
        </span>
      </div>
      {view?.info.notice && (
        <p role="status" className="read-only-banner repair-banner">
          Repaired on opening: {view.info.notice}
        </p>
      )}
      {view?.info.readOnly && (
        <p role="alert" className="read-only-banner">
          Read-only: {view.info.readOnly.replace(/[.\s]+$/, '')}. You can read and export, but changes cannot be saved.
        </p>
      )}
    </header>
  );
}
