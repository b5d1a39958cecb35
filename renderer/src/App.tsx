// The window: toolbar over three panes (library · reader · inspector), the dialogs, the
// notifications, the import panel, and what works anywhere in it: shortcuts, dropping and
// pasting files. Holds what is selected; the notebook itself lives in state.ts. Never talks to
// the host except through state.ts and client.ts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnnotationImport, CslImport, MergePlan, SourceAdded } from '../../notebook/common/api.js';
import type { Id } from '../../notebook/common/model.js';
import { now } from '../../notebook/common/ids.js';
import { trashWithDependents } from '../../notebook/common/operations.js';
import { liveSources } from '../../notebook/common/queries.js';
import { LinkDialog } from './claims/LinkDialog.js';
import { NewClaimDialog } from './claims/NewClaimDialog.js';
import { client, errorMessage, onMenuCommand, type MenuCommand } from './client.js';
import { AnnotationImportDialog } from './exchange/AnnotationImportDialog.js';
import { CslImportDialog } from './exchange/CslImportDialog.js';
import { ExchangeInputs, type ExchangeImport, type ExchangeInputsHandle } from './exchange/ExchangeInputs.js';
import { annotationOutcome, cslOutcome, mergeOutcome } from './exchange/exchange-model.js';
import { ExportDialog } from './exchange/ExportDialog.js';
import { MergeDialog } from './exchange/MergeDialog.js';
import { NotebookSettingsDialog } from './exchange/NotebookSettingsDialog.js';
import { importFiles, type ImportCandidate, type ImportHooks } from './import/import-queue.js';
import { ImportInputs, type ImportInputsHandle } from './import/ImportInputs.js';
import { DropOverlay, ImportPanel } from './import/ImportPanel.js';
import { useImportGestures } from './import/use-import-gestures.js';
import { Inspector, type Inspected } from './inspector/Inspector.js';
import { AddSourceDialog } from './library/AddSourceDialog.js';
import { Library } from './library/Library.js';
import { Reader, type Reveal } from './reader/Reader.js';
import { applyOperation, chooseNotebookFolder, importAnnotations, importCsl, loadNotebook, openNotebook, redo, undo, useNotebookState } from './state.js';
import { NotebookFolderDialog } from './toolbar/NotebookFolderDialog.js';
import { Toolbar } from './toolbar/Toolbar.js';
import { hasOwnUndo, isMac } from './ui/format.js';
import { notify } from './ui/toasts.js';
import { Toasts } from './ui/Toasts.js';
import { ClaimsBoard } from './board/ClaimsBoard.js';
import { EntityPage } from './entities/EntityPage.js';
import { Hypotheses } from './hypotheses/Hypotheses.js';
import { EvidenceMatrix } from './matrix/EvidenceMatrix.js';
import { Timeline } from './timeline/Timeline.js';
import { VIEW_TABS, type View, type ViewProps } from './views/views.js';
import { ViewTabs } from './views/ViewTabs.js';

const INSPECTOR_HIDDEN = 'corroborate.inspectorHidden';

/** A window preference kept in the page's storage; storage that is unavailable just means the default. */
function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not kept: the next window starts with the default.
  }
}

type OpenDialog =
  | { type: 'add-source'; text?: string }
  | { type: 'new-claim' }
  | { type: 'link'; excerptId: Id }
  | { type: 'notebook-folder'; create: boolean }
  | { type: 'export' }
  | { type: 'merge'; filename: string; json: string; plan: MergePlan }
  | { type: 'annotations'; filename: string; sourceTitle: string | null; result: AnnotationImport }
  | { type: 'csl'; filename: string; result: CslImport }
  | { type: 'settings' };

const UNDO_KEYS = isMac ? 'Cmd+Z' : 'Ctrl+Z';

export function App() {
  const { view, revision, host, loadError } = useNotebookState();
  const [chosenSourceId, setChosenSourceId] = useState<Id | null>(null);
  const [inspected, setInspectedState] = useState<Inspected | null>(null);
  // The inspector can be put away to give a wide view (a matrix) the room; anything inspected brings it back.
  const [inspectorHidden, setInspectorHidden] = useState(() => readSetting(INSPECTOR_HIDDEN) === 'true');
  const setInspected = useCallback((next: Inspected | null | ((current: Inspected | null) => Inspected | null)) => {
    setInspectedState(next);
    if (typeof next !== 'function' && next) setInspectorHidden(false);
  }, []);
  useEffect(() => writeSetting(INSPECTOR_HIDDEN, String(inspectorHidden)), [inspectorHidden]);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [centre, setCentre] = useState<View>({ name: 'reader' });
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
  const inspectedObject = !inspected || !notebook ? undefined : notebook[({ excerpt: 'excerpts', claim: 'claims', source: 'sources' } as const)[inspected.kind]][inspected.id];
  const liveInspected = inspectedObject && !inspectedObject.deletedAt ? inspected : null;
  const shownSourceId = useRef<Id | null>(null);
  useEffect(() => {
    shownSourceId.current = source?.id ?? null;
  });

  const selectExcerpt = useCallback(
    (id: Id, scroll: boolean) => {
      setInspected({ kind: 'excerpt', id });
      if (scroll) setReveal({ excerptId: id, nonce: ++nonce.current });
    },
    [setInspected],
  );

  const showExcerpt = useCallback(
    (id: Id) => {
      const excerpt = notebook?.excerpts[id];
      if (!excerpt) return;
      setCentre({ name: 'reader' });
      setChosenSourceId(excerpt.sourceId);
      selectExcerpt(id, true);
    },
    [notebook, selectExcerpt],
  );

  /** Opens a source in the reader; when the inspector shows a source's details, it follows. */
  const openSource = useCallback(
    (id: Id) => {
      setCentre({ name: 'reader' });
      setChosenSourceId(id);
      setInspected((current) => (current?.kind === 'source' ? { kind: 'source', id } : current));
    },
    [setInspected],
  );

  const showSourceDetails = useCallback(
    (id: Id) => {
      setCentre({ name: 'reader' });
      setChosenSourceId(id);
      setInspected({ kind: 'source', id });
    },
    [setInspected],
  );

  /** Says what adding a source did: a new one is opened; text already in the notebook opens the source that has it. */
  const sourceAdded = useCallback(
    (added: Pick<SourceAdded, 'duplicateOf'> & { source: { id: Id; title: string } }, what: string) => {
      const id = added.duplicateOf ?? added.source.id;
      openSource(id);
      if (added.duplicateOf) notify('status', `Already in the notebook as “${added.source.title}”`, { label: 'Open', run: () => openSource(id) });
      else notify('status', `${what} Select a passage to save an excerpt.`);
    },
    [openSource],
  );

  // The import run outlives a render: it calls back through a ref to what the window is now.
  const sourceAddedRef = useRef(sourceAdded);
  useEffect(() => {
    sourceAddedRef.current = sourceAdded;
  });
  const importHooks = useRef<ImportHooks>({
    // While files come in, the reader stays on what it shows (or on the first one imported)
    // instead of jumping to each newest source.
    imported: (id) => setChosenSourceId((current) => current ?? id),
    finishedOne: (item) => {
      const { sourceId, title, status } = item.outcome;
      sourceAddedRef.current({ duplicateOf: status === 'duplicate' ? sourceId : null, source: { id: sourceId, title } }, `Imported “${title}”.`);
    },
  });
  const importInputs = useRef<ImportInputsHandle>(null);
  const exchangeInputs = useRef<ExchangeInputsHandle>(null);

  const chooseImportFiles = useCallback(() => {
    if (readOnly) notify('error', 'Nothing can be imported: this notebook is open read-only.');
    else importInputs.current?.chooseFiles();
  }, [readOnly]);

  /**
   * The native menu's Import…: Chromium shows a file chooser only in answer to the analyst's own
   * click or key press, and a message from the menu is neither; without one, a button in a
   * notification asks for that click.
   */
  const menuImport = useCallback(() => {
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
    if (!activation || activation.isActive || readOnly) chooseImportFiles();
    else notify('status', 'Choose the files to import.', { label: 'Choose files…', run: chooseImportFiles });
  }, [readOnly, chooseImportFiles]);

  const startImport = useCallback(
    (candidates: ImportCandidate[]) => {
      if (!candidates.length) return;
      if (readOnly) {
        notify('error', `Nothing was imported: this notebook is open read-only.`);
        return;
      }
      setChosenSourceId((current) => current ?? shownSourceId.current);
      void importFiles(candidates, importHooks.current);
    },
    [readOnly],
  );

  const dragging = useImportGestures({
    enabled: Boolean(notebook) && dialog === null,
    onFiles: startImport,
    onText: (text) => {
      if (readOnly) notify('error', 'Nothing was added: this notebook is open read-only.');
      else setDialog({ type: 'add-source', text });
    },
  });

  const chooseExchangeFile = useCallback(
    (which: ExchangeImport) => {
      if (readOnly) notify('error', 'Nothing can be imported: this notebook is open read-only.');
      else exchangeInputs.current?.choose(which);
    },
    [readOnly],
  );

  /**
   * A bundle, annotation or CSL-JSON file the analyst chose: a bundle is planned first and shown
   * in the merge dialog; annotations (onto the source the reader shows) and CSL-JSON import at
   * once, as one undo step, and their dialog says what happened.
   */
  const importExchangeFile = async (which: ExchangeImport, file: File) => {
    const what = { bundle: 'The bundle was not merged', annotations: 'The annotations were not imported', csl: 'The CSL-JSON was not imported' }[which];
    try {
      const json = await file.text();
      if (which === 'bundle') {
        const plan = await client.planMerge({ json });
        setDialog({ type: 'merge', filename: file.name, json, plan });
      } else if (which === 'annotations') {
        const onto = source ?? null;
        const result = await importAnnotations(json, onto?.id);
        setDialog({ type: 'annotations', filename: file.name, sourceTitle: onto?.title ?? null, result });
        notify('status', annotationOutcome(result));
      } else {
        const result = await importCsl(json);
        setDialog({ type: 'csl', filename: file.name, result });
        notify('status', cslOutcome(result));
      }
    } catch (e) {
      notify('error', `${what}: ${errorMessage(e)}`);
    }
  };

  const resetSelection = useCallback(() => {
    setCentre({ name: 'reader' });
    setChosenSourceId(null);
    setInspected(null);
    setReveal(null);
  }, [setInspected]);

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
    [host, resetSelection],
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
      // Alt+1…5 switch views (event.code, because Alt changes the character on macOS).
      const tab = VIEW_TABS.find((t) => event.code === `Digit${t.key}`);
      if (tab && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        setCentre({ name: tab.name });
        return;
      }
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || hasOwnUndo(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        runUndo();
      } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !isMac && !event.shiftKey)) {
        event.preventDefault();
        runRedo();
      } else if (key === 'i' && !event.shiftKey) {
        // File ▸ Import… (the native menu shows this key and leaves it to the page).
        event.preventDefault();
        chooseImportFiles();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runUndo, runRedo, chooseImportFiles]);

  // The native menu (Electron) sends the same commands as the toolbar and the shortcuts.
  const menuHandlers = useRef<Record<MenuCommand, () => void>>(null);
  useEffect(() => {
    menuHandlers.current = {
      undo: runUndo,
      redo: runRedo,
      'new-notebook': () => void chooseNotebook(true),
      'open-notebook': () => void chooseNotebook(false),
      import: menuImport,
      export: () => setDialog({ type: 'export' }),
      'notebook-settings': () => setDialog({ type: 'settings' }),
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
  const inspectClaim = (id: Id) => setInspected({ kind: 'claim', id });
  const openEntity = (id: Id) => setCentre({ name: 'entity', id });
  const viewProps: ViewProps = {
    notebook,
    revision,
    readOnly,
    inspectedClaimId: liveInspected?.kind === 'claim' ? liveInspected.id : null,
    onInspectClaim: inspectClaim,
    onShowExcerpt: showExcerpt,
    onOpenSource: openSource,
    onOpenEntity: openEntity,
  };
  // An entity page whose entity went to the trash (or was undone) falls back to the reader.
  const shownCentre: View = centre.name === 'entity' && !notebook.entities[centre.id] ? { name: 'reader' } : centre;
  const linkExcerpt = dialog?.type === 'link' ? notebook.excerpts[dialog.excerptId] : undefined;

  return (
    <div className="app">
      <Toolbar
        view={view}
        onUndo={runUndo}
        onRedo={runRedo}
        onNewNotebook={() => void chooseNotebook(true)}
        onOpenNotebook={() => void chooseNotebook(false)}
        onImportFiles={chooseImportFiles}
        onImportFolder={() => importInputs.current?.chooseFolder()}
        onImportBundle={() => chooseExchangeFile('bundle')}
        onImportAnnotations={() => chooseExchangeFile('annotations')}
        onImportCsl={() => chooseExchangeFile('csl')}
        onExport={() => setDialog({ type: 'export' })}
        onSettings={() => setDialog({ type: 'settings' })}
      >
        <ViewTabs current={shownCentre.name} onSelect={(name) => setCentre({ name })} />
        <button
          type="button"
          className="toolbar-button inspector-toggle"
          aria-pressed={!inspectorHidden}
          title={inspectorHidden ? 'Show the inspector pane' : 'Hide the inspector pane, to give the view more room'}
          onClick={() => setInspectorHidden((hidden) => !hidden)}
        >
          <span aria-hidden="true" className="toolbar-icon">
            {inspectorHidden ? '◧' : '▣'}
          </span>
          Inspector
        </button>
      </Toolbar>
      <ImportInputs ref={importInputs} onFiles={startImport} />
      <ExchangeInputs ref={exchangeInputs} onFile={(which, file) => void importExchangeFile(which, file)} />
      <div className={inspectorHidden ? 'panes panes-no-inspector' : 'panes'}>
        <Library
          notebook={notebook}
          revision={revision}
          readOnly={readOnly}
          openSourceId={source?.id ?? null}
          inspectedClaimId={liveInspected?.kind === 'claim' ? liveInspected.id : null}
          onOpenSource={openSource}
          onInspectClaim={inspectClaim}
          onAddSource={() => setDialog({ type: 'add-source' })}
          onNewClaim={() => setDialog({ type: 'new-claim' })}
          openEntityId={shownCentre.name === 'entity' ? shownCentre.id : null}
          onOpenEntity={openEntity}
        />
        {shownCentre.name === 'board' && <ClaimsBoard {...viewProps} />}
        {shownCentre.name === 'matrix' && <EvidenceMatrix {...viewProps} />}
        {shownCentre.name === 'hypotheses' && <Hypotheses {...viewProps} />}
        {shownCentre.name === 'timeline' && <Timeline {...viewProps} />}
        {shownCentre.name === 'entity' && <EntityPage key={shownCentre.id} {...viewProps} entityId={shownCentre.id} />}
        {shownCentre.name === 'reader' && <Reader
          notebook={notebook}
          revision={revision}
          source={source}
          readOnly={readOnly}
          selectedExcerptId={liveInspected?.kind === 'excerpt' ? liveInspected.id : null}
          reveal={reveal}
          onSelectExcerpt={selectExcerpt}
          onShowDetails={showSourceDetails}
        />}
        {!inspectorHidden && <Inspector
          notebook={notebook}
          inspected={liveInspected}
          readOnly={readOnly}
          onInspectClaim={inspectClaim}
          onOpenEntity={openEntity}
          onShowExcerpt={showExcerpt}
          onLinkExcerpt={(id) => setDialog({ type: 'link', excerptId: id })}
          onTrash={(target) => void trash(target)}
        />}
      </div>
      <ImportPanel onOpenSource={openSource} />
      <Toasts />
      {dragging && <DropOverlay />}
      {dialog?.type === 'add-source' && (
        <AddSourceDialog
          initialText={dialog.text}
          onCancel={closeDialog}
          onAdded={(added) => {
            closeDialog();
            sourceAdded(added, 'Source added.');
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
      {dialog?.type === 'export' && <ExportDialog organisation={notebook.settings.organisation} canPrintPdf={host?.host === 'electron'} onClose={closeDialog} />}
      {dialog?.type === 'merge' && (
        <MergeDialog
          filename={dialog.filename}
          json={dialog.json}
          plan={dialog.plan}
          onCancel={closeDialog}
          onMerged={(result, choices) => {
            closeDialog();
            notify('status', `${mergeOutcome(result, choices)}${result.applied ? ` ${UNDO_KEYS} takes the whole merge back.` : ''}`);
          }}
        />
      )}
      {dialog?.type === 'annotations' && (
        <AnnotationImportDialog filename={dialog.filename} sourceTitle={dialog.sourceTitle} result={dialog.result} onClose={closeDialog} />
      )}
      {dialog?.type === 'csl' && <CslImportDialog filename={dialog.filename} result={dialog.result} onClose={closeDialog} />}
      {dialog?.type === 'settings' && (
        <NotebookSettingsDialog
          notebook={notebook}
          onCancel={closeDialog}
          onSaved={(changed) => {
            closeDialog();
            if (changed) notify('status', `Notebook settings saved. ${UNDO_KEYS} undoes the change.`);
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
