// The window: toolbar over three panes (library · reader · inspector), the dialogs, the
// notifications, and the shortcuts that work everywhere. Holds what is selected; the notebook
// itself lives in state.ts. Never talks to the host except through state.ts and client.ts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Id } from '../../notebook/common/model.js';
import { now } from '../../notebook/common/ids.js';
import { trashWithDependents } from '../../notebook/common/operations.js';
import { liveSources } from '../../notebook/common/queries.js';
import { LinkDialog } from './claims/LinkDialog.js';
import { NewClaimDialog } from './claims/NewClaimDialog.js';
import { errorMessage, onMenuCommand, type MenuCommand } from './client.js';
import { Inspector, type Inspected } from './inspector/Inspector.js';
import { AddSourceDialog } from './library/AddSourceDialog.js';
import { Library } from './library/Library.js';
import { Reader, type Reveal } from './reader/Reader.js';
import { applyOperation, chooseNotebookFolder, loadNotebook, openNotebook, redo, undo, useNotebookState } from './state.js';
import { NotebookFolderDialog } from './toolbar/NotebookFolderDialog.js';
import { Toolbar } from './toolbar/Toolbar.js';
import { isMac, isTyping } from './ui/format.js';
import { notify } from './ui/toasts.js';
import { Toasts } from './ui/Toasts.js';

type OpenDialog =
  | { type: 'add-source' }
  | { type: 'new-claim' }
  | { type: 'link'; excerptId: Id }
  | { type: 'notebook-folder'; create: boolean };

const UNDO_KEYS = isMac ? 'Cmd+Z' : 'Ctrl+Z';

export function App() {
  const { view, revision, host, loadError } = useNotebookState();
  const [chosenSourceId, setChosenSourceId] = useState<Id | null>(null);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const nonce = useRef(0);

  useEffect(() => {
    loadNotebook().catch(() => undefined);
  }, []);

  useEffect(() => {
    document.title = view ? `${view.info.name || 'Untitled notebook'} — Corroborate` : 'Corroborate';
  }, [view]);

  const notebook = view?.notebook ?? null;
  const readOnly = Boolean(view?.info.readOnly);

  // What is shown falls back gracefully when undo, redo or the trash took it away: the reader
  // opens the newest live source, the inspector shows nothing.
  const chosen = chosenSourceId && notebook ? notebook.sources[chosenSourceId] : undefined;
  const source = chosen && !chosen.deletedAt ? chosen : notebook ? (liveSources(notebook).at(-1) ?? null) : null;
  const inspectedObject = !inspected || !notebook ? undefined : inspected.kind === 'excerpt' ? notebook.excerpts[inspected.id] : notebook.claims[inspected.id];
  const liveInspected = inspectedObject && !inspectedObject.deletedAt ? inspected : null;

  const selectExcerpt = useCallback((id: Id, scroll: boolean) => {
    setInspected({ kind: 'excerpt', id });
    if (scroll) setReveal({ excerptId: id, nonce: ++nonce.current });
  }, []);

  const showExcerpt = useCallback(
    (id: Id) => {
      const excerpt = notebook?.excerpts[id];
      if (!excerpt) return;
      setChosenSourceId(excerpt.sourceId);
      selectExcerpt(id, true);
    },
    [notebook, selectExcerpt],
  );

  const resetSelection = () => {
    setChosenSourceId(null);
    setInspected(null);
    setReveal(null);
  };

  const runUndo = useCallback(() => {
    undo().then(
      (applied) => {
        if (!applied) notify('status', 'Nothing to undo.');
      },
      (e: unknown) => notify('error', `Undo failed: ${errorMessage(e)}`),
    );
  }, []);
  const runRedo = useCallback(() => {
    redo().then(
      (applied) => {
        if (!applied) notify('status', 'Nothing to redo.');
      },
      (e: unknown) => notify('error', `Redo failed: ${errorMessage(e)}`),
    );
  }, []);

  const chooseNotebook = useCallback(
    async (create: boolean) => {
      if (!host?.nativeDialogs) {
        setDialog({ type: 'notebook-folder', create });
        return;
      }
      try {
        const path = await chooseNotebookFolder(create);
        if (!path) return;
        await openNotebook(path, create);
        resetSelection();
      } catch (e) {
        notify('error', `${create ? 'The notebook was not created' : 'The notebook was not opened'}: ${errorMessage(e)}`);
      }
    },
    [host],
  );

  const trash = async (target: Inspected) => {
    if (!notebook) return;
    try {
      await applyOperation(trashWithDependents(notebook, target.kind, target.id, now()));
      notify('status', `Moved the ${target.kind} to the trash. ${UNDO_KEYS} brings it back.`);
    } catch (e) {
      notify('error', `The ${target.kind} was not moved to the trash: ${errorMessage(e)}`);
    }
  };

  // Shortcuts that work everywhere, except inside a text field (which undoes its own typing)
  // and while a dialog is open.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        runUndo();
      } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !isMac && !event.shiftKey)) {
        event.preventDefault();
        runRedo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runUndo, runRedo]);

  // The native menu (Electron) sends the same commands as the toolbar and the shortcuts.
  const menuHandlers = useRef<Record<MenuCommand, () => void>>(null);
  useEffect(() => {
    menuHandlers.current = {
      undo: runUndo,
      redo: runRedo,
      'new-notebook': () => void chooseNotebook(true),
      'open-notebook': () => void chooseNotebook(false),
    };
  });
  useEffect(() => onMenuCommand((command) => menuHandlers.current?.[command]?.()), []);

  if (!view || !notebook) {
    return (
      <div className="app-loading">
        {loadError ? (
          <div className="empty-state">
            <h1>The notebook could not be opened</h1>
            <p role="alert">{loadError}</p>
            <button type="button" className="button" onClick={() => void loadNotebook().catch(() => undefined)}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status">Opening the notebook…</p>
        )}
      </div>
    );
  }

  const closeDialog = () => setDialog(null);
  const linkExcerpt = dialog?.type === 'link' ? notebook.excerpts[dialog.excerptId] : undefined;

  return (
    <div className="app">
      <Toolbar
        view={view}
        onUndo={runUndo}
        onRedo={runRedo}
        onNewNotebook={() => void chooseNotebook(true)}
        onOpenNotebook={() => void chooseNotebook(false)}
      />
      <div className="panes">
        <Library
          notebook={notebook}
          revision={revision}
          readOnly={readOnly}
          openSourceId={source?.id ?? null}
          inspectedClaimId={liveInspected?.kind === 'claim' ? liveInspected.id : null}
          onOpenSource={setChosenSourceId}
          onInspectClaim={(id) => setInspected({ kind: 'claim', id })}
          onAddSource={() => setDialog({ type: 'add-source' })}
          onNewClaim={() => setDialog({ type: 'new-claim' })}
        />
        <Reader
          notebook={notebook}
          revision={revision}
          source={source}
          readOnly={readOnly}
          selectedExcerptId={liveInspected?.kind === 'excerpt' ? liveInspected.id : null}
          reveal={reveal}
          onSelectExcerpt={selectExcerpt}
        />
        <Inspector
          notebook={notebook}
          inspected={liveInspected}
          readOnly={readOnly}
          onInspectClaim={(id) => setInspected({ kind: 'claim', id })}
          onShowExcerpt={showExcerpt}
          onLinkExcerpt={(id) => setDialog({ type: 'link', excerptId: id })}
          onTrash={(target) => void trash(target)}
        />
      </div>
      <Toasts />
      {dialog?.type === 'add-source' && (
        <AddSourceDialog
          onCancel={closeDialog}
          onAdded={(id) => {
            closeDialog();
            setChosenSourceId(id);
            notify('status', 'Source added. Select a passage to save an excerpt.');
          }}
        />
      )}
      {dialog?.type === 'new-claim' && (
        <NewClaimDialog
          notebook={notebook}
          onCancel={closeDialog}
          onCreated={(id) => {
            closeDialog();
            setInspected({ kind: 'claim', id });
          }}
        />
      )}
      {linkExcerpt && (
        <LinkDialog
          notebook={notebook}
          excerpt={linkExcerpt}
          onCancel={closeDialog}
          onLinked={() => {
            closeDialog();
            notify('status', 'Excerpt linked to the claim.');
          }}
        />
      )}
      {dialog?.type === 'notebook-folder' && (
        <NotebookFolderDialog
          create={dialog.create}
          onCancel={closeDialog}
          onOpened={() => {
            closeDialog();
            resetSelection();
          }}
        />
      )}
    </div>
  );
}
