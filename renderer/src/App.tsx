// The window: toolbar over three panes (library · reader · inspector), the dialogs, the
// notifications, the import panel, and what works anywhere in it: shortcuts, dropping and
// pasting files. Holds what is selected; the notebook itself lives in state.ts. Never talks to
// the host except through state.ts and client.ts.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { AnnotationImport, CslImport, MergePlan, SourceAdded } from '../../notebook/common/api.js';
import type { Id } from '../../notebook/common/model.js';
import { now } from '../../notebook/common/ids.js';
import { trashWithDependents } from '../../notebook/common/operations.js';
import { liveSources } from '../../notebook/common/queries.js';
import { LinkDialog } from './claims/LinkDialog.js';
import { NewClaimDialog } from './claims/NewClaimDialog.js';
import { client, errorMessage, onMenuCommand, onNotebookReopened, type MenuCommand } from './client.js';
import { AnnotationImportDialog } from './exchange/AnnotationImportDialog.js';
import { CslImportDialog } from './exchange/CslImportDialog.js';
import { ExchangeInputs, type ExchangeImport, type ExchangeInputsHandle } from './exchange/ExchangeInputs.js';
import { annotationOutcome, cslOutcome, mergeOutcome } from './exchange/exchange-model.js';
import { ExportDialog } from './exchange/ExportDialog.js';
import { MergeDialog } from './exchange/MergeDialog.js';
import { NotebookSettingsDialog } from './exchange/NotebookSettingsDialog.js';
import { NotebookNoteDialog } from './library/NotebookNoteDialog.js';
import { TagsDialog } from './tags/TagsDialog.js';
import { importFiles, type ImportCandidate, type ImportHooks } from './import/import-queue.js';
import { oneAtATime, routeDrop, type DropRefusal } from './import/drop-routing.js';
import { ImportInputs, type ImportInputsHandle } from './import/ImportInputs.js';
import { DropOverlay, ImportPanel } from './import/ImportPanel.js';
import { useImportGestures } from './import/use-import-gestures.js';
import { Inspector, type Inspected } from './inspector/Inspector.js';
import { AddSourceDialog } from './library/AddSourceDialog.js';
import { Library } from './library/Library.js';
import { Reader, type Reveal } from './reader/Reader.js';
import { SuggestionsPanel } from './suggest/SuggestionsPanel.js';
import { applyOperation, chooseNotebookFolder, importAnnotations, importCsl, loadNotebook, openNotebook, redo, undo, useNotebookState } from './state.js';
import { NotebookFolderDialog } from './toolbar/NotebookFolderDialog.js';
import { TrashDialog } from './trash/TrashDialog.js';
import { restoredMessage } from './trash/trash-format.js';
import type { TrashItem } from '../../notebook/common/trash.js';
import { Toolbar } from './toolbar/Toolbar.js';
import { isMac } from './ui/format.js';
import { notify } from './ui/toasts.js';
import { Toasts } from './ui/Toasts.js';
import { ClaimsBoard, type BoardReveal } from './board/ClaimsBoard.js';
import { EntityPage } from './entities/EntityPage.js';
import { Hypotheses, showQuestionNext } from './hypotheses/Hypotheses.js';
import { EvidenceMatrix } from './matrix/EvidenceMatrix.js';
import { Timeline } from './timeline/Timeline.js';
import { type View, type ViewProps } from './views/views.js';
import { SearchDialog, type SearchActions } from './search/SearchDialog.js';
import { ViewTabs } from './views/ViewTabs.js';
import { appCommands, type AppActions, type AppContext } from './commands/app-commands.js';
import { CommandPalette } from './commands/CommandPalette.js';
import { ShortcutsSheet } from './commands/ShortcutsSheet.js';
import { focusPane, isSourceTextSelected, pressSaveExcerptKey, useCommandKeys, usePaneFocusMemory, type CommandSource } from './commands/window-keys.js';
import { menuCommandBlocked, undoInFieldOr } from './commands/menu-commands.js';
import { cycleTheme, themeAnnouncement } from './theme/theme.js';

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
  | { type: 'settings' }
  | { type: 'search' }
  | { type: 'tags' }
  | { type: 'notebook-note' }
  | { type: 'commands' }
  | { type: 'shortcuts' }
  | { type: 'trash' };

const UNDO_KEYS = isMac ? 'Cmd+Z' : 'Ctrl+Z';

/** A command's key pressed when it cannot run says why, rather than doing nothing visible. */
const sayUnavailable = (reason: string) => notify('status', reason);

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
  const [questionShown, setQuestionShown] = useState(0);
  // The Suggestions panel, opened while this was inspected: inspecting anything else puts the inspector back.
  const [suggesting, setSuggesting] = useState<{ inspected: Inspected | null; opened: number } | null>(null);
  const [boardReveal, setBoardReveal] = useState<BoardReveal | null>(null);
  const openProposition = (propositionId: Id) => {
    setBoardReveal((last) => ({ propositionId, nonce: (last?.nonce ?? 0) + 1 }));
    setCentre({ name: 'board' });
  };
  const nonce = useRef(0);

  useEffect(() => {
    loadNotebook().catch(() => undefined);
  }, []);
  // The notebook's process stopped and was started again: the page's copy may be older than the notebook.
  useEffect(() => onNotebookReopened(() => void loadNotebook().catch(() => undefined)), []);

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

  /** Opens a source in the reader scrolled to a passage (code points), and flashes it: a search hit. */
  const showPassage = useCallback((sourceId: Id, range: { start: number; end: number }) => {
    setCentre({ name: 'reader' });
    setChosenSourceId(sourceId);
    setReveal({ sourceId, range, flash: true, nonce: ++nonce.current });
  }, []);

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
      // Nothing on screen changes: the window is redrawn after the files were handed over, in slices, not in the same task.
      startTransition(() => setChosenSourceId((current) => current ?? shownSourceId.current));
      void importFiles(candidates, importHooks.current);
    },
    [readOnly],
  );

  const dragging = useImportGestures({
    enabled: Boolean(notebook) && dialog === null,
    // The hook keeps the latest: a drop is routed with the source the reader shows then (annotations go onto it).
    onFiles: (candidates, refused) => void dropFiles(candidates, refused),
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

  /**
   * Files dropped or pasted on the window: source files to the import queue; a bundle, annotation
   * or CSL-JSON file where its File ▸ Import… item sends it (one at a time); anything else said why.
   */
  const dropFiles = async (candidates: ImportCandidate[], refused: DropRefusal[]) => {
    const routed = await routeDrop(candidates);
    const [first, ...rest] = routed.exchange;
    for (const refusal of [...refused, ...routed.refused, ...oneAtATime(rest)]) notify('error', `${refusal.reason}.`);
    startImport(routed.sources);
    if (!first) return;
    if (readOnly) notify('error', `${first.file.name} was not imported: this notebook is open read-only.`);
    else await importExchangeFile(first.which, first.file);
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

  /** File ▸ Open recent: another notebook, opened by the host; a failure leaves the current one open and says why. */
  const openRecent = useCallback(
    async (path: string) => {
      try {
        await openNotebook(path, false);
        resetSelection();
      } catch (e) {
        notify('error', `The notebook was not opened: ${errorMessage(e)}`);
      }
    },
    [resetSelection],
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

  const toggleTheme = useCallback(() => notify('status', themeAnnouncement(cycleTheme())), []);

  // The native menu (Electron) sends the same commands as the toolbar and the shortcuts.
  const menuHandlers = useRef<Record<MenuCommand, () => void>>(null);
  useEffect(() => {
    menuHandlers.current = {
      undo: () => undoInFieldOr('undo', runUndo),
      redo: () => undoInFieldOr('redo', runRedo),
      'new-notebook': () => void chooseNotebook(true),
      'open-notebook': () => void chooseNotebook(false),
      import: menuImport,
      export: () => setDialog({ type: 'export' }),
      'notebook-settings': () => setDialog({ type: 'settings' }),
      'notebook-note': () => setDialog({ type: 'notebook-note' }),
      tags: () => setDialog({ type: 'tags' }),
      trash: () => setDialog({ type: 'trash' }),
      search: () => setDialog({ type: 'search' }),
      commands: () => setDialog({ type: 'commands' }),
      shortcuts: () => setDialog({ type: 'shortcuts' }),
      theme: toggleTheme,
    };
  });
  useEffect(
    () =>
      onMenuCommand((command) => {
        // An open dialog keeps what was typed in it: the menu does not replace it with another.
        const blocked = menuCommandBlocked(command);
        if (blocked) notify('status', blocked);
        else menuHandlers.current?.[command]?.();
      }),
    [],
  );

  const openSearch = useCallback(() => setDialog({ type: 'search' }), []);
  const openTags = useCallback(() => setDialog({ type: 'tags' }), []);
  const openNotebookNote = useCallback(() => setDialog({ type: 'notebook-note' }), []);
  const openTrash = useCallback(() => setDialog({ type: 'trash' }), []);

  // The command registry: the window's keys, the command palette and the shortcuts sheet all read it.
  const chooseImportFolder = useCallback(() => importInputs.current?.chooseFolder(), []);
  const commandActions: AppActions = {
    addSource: () => setDialog({ type: 'add-source' }),
    importFiles: chooseImportFiles,
    importFolder: chooseImportFolder,
    importBundle: () => chooseExchangeFile('bundle'),
    importAnnotations: () => chooseExchangeFile('annotations'),
    importCsl: () => chooseExchangeFile('csl'),
    exportNotebook: () => setDialog({ type: 'export' }),
    notebookSettings: () => setDialog({ type: 'settings' }),
    newNotebook: () => void chooseNotebook(true),
    openNotebook: () => void chooseNotebook(false),
    newClaim: () => setDialog({ type: 'new-claim' }),
    linkExcerpt: (id) => setDialog({ type: 'link', excerptId: id }),
    saveExcerpt: pressSaveExcerptKey,
    showExcerpt,
    announce: (message) => notify('status', message),
    showSourceDetails,
    trash: (target) => void trash(target),
    showView: (name) => setCentre({ name }),
    undo: runUndo,
    redo: runRedo,
    toggleInspector: () => setInspectorHidden((hidden) => !hidden),
    focusPane,
    openPalette: () => setDialog({ type: 'commands' }),
    openShortcuts: () => setDialog({ type: 'shortcuts' }),
    openSearch,
    openTags,
    openNotebookNote,
    openTrash,
    toggleTheme,
    suggestClaims: (sourceId) => {
      setCentre({ name: 'reader' });
      setChosenSourceId(sourceId);
      setSuggesting({ inspected, opened: ++nonce.current });
    },
  };
  // appCommands only keeps the actions in each command's run(); none of them runs (or reads a ref) during render.
  // eslint-disable-next-line react-hooks/refs
  const commands = appCommands(commandActions);
  const commandSource = useRef<CommandSource<AppContext> | null>(null);
  useEffect(() => {
    commandSource.current = notebook
      ? {
          commands,
          context: () => ({
            notebook,
            readOnly: view?.info.readOnly ?? null,
            canUndo: Boolean(view?.canUndo),
            canRedo: Boolean(view?.canRedo),
            sourceId: source?.id ?? null,
            selectedExcerptId: liveInspected?.kind === 'excerpt' ? liveInspected.id : null,
            inspected: liveInspected && liveInspected.kind !== 'source' ? { kind: liveInspected.kind, id: liveInspected.id } : null,
            textSelected: isSourceTextSelected(),
            view: centre.name,
            inspectorHidden,
          }),
        }
      : null;
  });
  useCommandKeys(commandSource, sayUnavailable);
  usePaneFocusMemory();

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
  // Where a search hit leads: the reader (at a passage, a source, an excerpt), the inspector, a view, the notebook note.
  const searchActions: SearchActions = {
    showPassage,
    openSource,
    showExcerpt,
    inspectClaim,
    openEntity,
    openView: (name) => setCentre({ name }),
    openProposition,
    openQuestion: (questionId) => {
      showQuestionNext(questionId);
      // A view already open keeps its own choice: a new key mounts it again on this question.
      setQuestionShown((n) => n + 1);
      setCentre({ name: 'hypotheses' });
    },
    openNotebookNote,
  };
  /** What was restored opens where the analyst works with it. */
  const showRestored = (item: TrashItem) => {
    const link = item.kind === 'link' ? notebook.links[item.id] : undefined;
    if (item.kind === 'source') openSource(item.id);
    else if (item.kind === 'excerpt') showExcerpt(item.id);
    else if (item.kind === 'claim') inspectClaim(item.id);
    else if (item.kind === 'entity') openEntity(item.id);
    else if (item.kind === 'question' || item.kind === 'hypothesis') setCentre({ name: 'hypotheses' });
    else if (item.kind === 'proposition') openProposition(item.id);
    else if (link) {
      if (link.fromKind === 'excerpt') showExcerpt(link.fromId);
      else inspectClaim(link.toId);
    }
  };
  // An entity page whose entity went to the trash (or was undone) falls back to the reader.
  const shownCentre: View = centre.name === 'entity' && !notebook.entities[centre.id] ? { name: 'reader' } : centre;
  const linkExcerpt = dialog?.type === 'link' ? notebook.excerpts[dialog.excerptId] : undefined;
  // The Suggestions panel takes the inspector's place beside the reader, on the source it shows.
  const suggestionsShown = suggesting !== null && suggesting.inspected === inspected && shownCentre.name === 'reader' && source !== null;
  const toggleSuggestions = () => setSuggesting(suggestionsShown ? null : { inspected, opened: ++nonce.current });

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
        onSearch={openSearch}
        onTags={openTags}
        onNotebookNote={openNotebookNote}
        onOpenRecent={(path) => void openRecent(path)}
        onTrash={openTrash}
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
      <div className={inspectorHidden && !suggestionsShown ? 'panes panes-no-inspector' : 'panes'}>
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
          onOpenNotebookNote={openNotebookNote}
        />
        {shownCentre.name === 'board' && <ClaimsBoard {...viewProps} reveal={boardReveal} />}
        {shownCentre.name === 'matrix' && <EvidenceMatrix {...viewProps} />}
        {shownCentre.name === 'hypotheses' && <Hypotheses key={questionShown} {...viewProps} />}
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
          suggestionsOpen={suggestionsShown}
          onToggleSuggestions={toggleSuggestions}
        />}
        {suggestionsShown && source ? (
          <SuggestionsPanel
            key={source.id}
            notebook={notebook}
            revision={revision}
            source={source}
            readOnly={readOnly}
            opened={suggesting.opened}
            onClose={() => setSuggesting(null)}
            onInspectClaim={inspectClaim}
            onOpenEntity={openEntity}
          />
        ) : !inspectorHidden && <Inspector
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
      {dialog?.type === 'commands' && <CommandPalette commands={commands} context={() => commandSource.current!.context()} onClose={closeDialog} />}
      {dialog?.type === 'shortcuts' && <ShortcutsSheet commands={commands} onClose={closeDialog} />}
      {dialog?.type === 'tags' && <TagsDialog notebook={notebook} revision={revision} readOnly={readOnly} onClose={closeDialog} />}
      {dialog?.type === 'notebook-note' && <NotebookNoteDialog notebook={notebook} readOnly={readOnly} onClose={closeDialog} />}
      {dialog?.type === 'trash' && (
        <TrashDialog
          notebook={notebook}
          revision={revision}
          readOnly={readOnly}
          onClose={closeDialog}
          onRestored={(item) => {
            closeDialog();
            showRestored(item);
            notify('status', restoredMessage(item, UNDO_KEYS));
          }}
        />
      )}
      {dialog?.type === 'search' && <SearchDialog notebook={notebook} revision={revision} actions={searchActions} onClose={closeDialog} />}
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
