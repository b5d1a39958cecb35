// The one registry of what an analyst can do in the window: every action with its group, its keys
// and why it cannot run just now. App.tsx builds it from the actions it has; the window's key
// handler, the command palette and the shortcuts sheet all read it, so they cannot disagree.
// Pure: never touches the DOM or the notebook; running a command calls the app's own action.
import type { Excerpt, Id, Notebook } from '../../../notebook/common/model.js';
import { excerptsOfSource } from '../../../notebook/common/queries.js';
import { ellipsise } from '../ui/format.js';
import { VIEW_TABS, type TabName, type ViewName } from '../views/views.js';
import { formatShortcuts, type Command, type Shortcut } from './commands.js';

/** What the app knows when a command is asked for. */
export interface AppContext {
  notebook: Notebook;
  /** Why the notebook is read-only, or null. */
  readOnly: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** The source the reader shows (or would show, from another view). */
  sourceId: Id | null;
  /** The excerpt the inspector shows. */
  selectedExcerptId: Id | null;
  /** The claim or excerpt the inspector shows, for Move to trash. */
  inspected: { kind: 'excerpt' | 'claim'; id: Id } | null;
  /** A passage of the source text is selected (not yet saved). */
  textSelected: boolean;
  view: ViewName;
  inspectorHidden: boolean;
}

/**
 * What App.tsx can do. The optional ones belong to features built beside this registry (search,
 * trash, tags, the notebook note): a command whose action App does not pass is left out, so the
 * palette never offers what the window cannot do.
 */
export interface AppActions {
  addSource: () => void;
  importFiles: () => void;
  importFolder: () => void;
  importBundle: () => void;
  importAnnotations: () => void;
  importCsl: () => void;
  exportNotebook: () => void;
  notebookSettings: () => void;
  newNotebook: () => void;
  openNotebook: () => void;
  newClaim: () => void;
  linkExcerpt: (excerptId: Id) => void;
  /** Saves the passage selected in the reader (the reader does it). */
  saveExcerpt: () => void;
  /** Selects the excerpt, opens the reader on its source and scrolls to it. */
  showExcerpt: (excerptId: Id) => void;
  /** Says something in the status area (what Next excerpt went to, for those who cannot see the highlight move). */
  announce: (message: string) => void;
  showSourceDetails: (sourceId: Id) => void;
  trash: (target: { kind: 'excerpt' | 'claim'; id: Id }) => void;
  showView: (name: TabName) => void;
  undo: () => void;
  redo: () => void;
  toggleInspector: () => void;
  /** Moves the focus to the next (1) or previous (-1) pane: library, centre view, inspector. */
  focusPane: (step: 1 | -1) => void;
  openPalette: () => void;
  openShortcuts: () => void;
  openSearch?: (() => void) | undefined;
  openTrash?: (() => void) | undefined;
  openTags?: (() => void) | undefined;
  openNotebookNote?: (() => void) | undefined;
  /** Opens the reader on the source with its Suggestions panel (suggested claims and entities). */
  suggestClaims?: ((sourceId: Id) => void) | undefined;
  /** System → Light → Dark (theme/theme.ts). */
  toggleTheme?: (() => void) | undefined;
}

/** The core loop's keys, named so the hints elsewhere (toasts, buttons) say the same. */
export const KEYS = {
  palette: [{ key: 'p', mod: true, shift: true, whileTyping: true }, { key: 'F1', whileTyping: true }],
  shortcuts: [{ key: '?' }],
  search: [{ key: 'k', mod: true, whileTyping: true }, { key: '/' }],
  saveExcerpt: [{ key: 'e', mod: true }],
  linkExcerpt: [{ key: 'l', mod: true }],
  nextExcerpt: [{ key: 'ArrowDown', alt: true }, { key: 'j' }],
  previousExcerpt: [{ key: 'ArrowUp', alt: true }, { key: 'k' }],
  newClaim: [{ key: 'n' }],
  undo: [{ key: 'z', mod: true }],
  redo: [{ key: 'z', mod: true, shift: true }, { key: 'y', ctrl: true, only: 'other' }],
  importFiles: [{ key: 'i', mod: true }],
  openNotebook: [{ key: 'o', mod: true }],
  newNotebook: [{ key: 'n', mod: true, shift: true }],
  notebookSettings: [{ key: ',', mod: true }],
  theme: [{ key: 'l', mod: true, shift: true }],
  nextPane: [{ key: 'F6', whileTyping: true }],
  previousPane: [{ key: 'F6', shift: true, whileTyping: true }],
} as const satisfies Record<string, readonly Shortcut[]>;

/**
 * The excerpt after (step 1) or before (step -1) the current one, in the order the text reads
 * (by start, the longer first when two start together, as the Excerpts list shows them). With no
 * current excerpt of this source, Next starts at the first and Previous at the last. Null at the end.
 */
export function adjacentExcerpt(excerpts: readonly Excerpt[], currentId: Id | null, step: 1 | -1): Excerpt | null {
  const at = currentId ? excerpts.findIndex((e) => e.id === currentId) : -1;
  if (at < 0) return (step === 1 ? excerpts[0] : excerpts.at(-1)) ?? null;
  return excerpts[at + step] ?? null;
}

const READ_ONLY = 'The notebook is open read-only: nothing can be changed.';

function writable(context: AppContext): string | null {
  return context.readOnly ? READ_ONLY : null;
}

function stepReason(context: AppContext, step: 1 | -1): string | null {
  const source = context.sourceId ? context.notebook.sources[context.sourceId] : undefined;
  if (!source) return 'Open a source first: its excerpts are stepped through in text order.';
  const excerpts = excerptsOfSource(context.notebook, source.id);
  if (!excerpts.length) return `“${source.title}” has no excerpts yet: select a passage and save it.`;
  if (!adjacentExcerpt(excerpts, context.selectedExcerptId, step)) return step === 1 ? `This is the last excerpt of “${source.title}”.` : `This is the first excerpt of “${source.title}”.`;
  return null;
}

function step(actions: AppActions, context: AppContext, direction: 1 | -1): void {
  if (!context.sourceId) return;
  const excerpts = excerptsOfSource(context.notebook, context.sourceId);
  const next = adjacentExcerpt(excerpts, context.selectedExcerptId, direction);
  if (!next) return;
  actions.showExcerpt(next.id);
  actions.announce(`Excerpt ${excerpts.indexOf(next) + 1} of ${excerpts.length}: “${ellipsise(next.selectors.quote.exact, 80)}”`);
}

/** Every command of the window, in the order the palette lists them. */
export function appCommands(actions: AppActions): Command<AppContext>[] {
  const commands: (Command<AppContext> | false)[] = [
    // Sources and excerpts: the core loop first.
    { id: 'source.add', title: 'Add source', group: 'Sources', keywords: ['paste', 'text', 'new'], disabled: writable, run: actions.addSource },
    {
      id: 'source.import-files',
      title: 'Import files…',
      group: 'Sources',
      keywords: ['pdf', 'word', 'html', 'web page', 'open'],
      shortcuts: KEYS.importFiles,
      disabled: writable,
      run: actions.importFiles,
    },
    { id: 'source.import-folder', title: 'Import folder…', group: 'Sources', keywords: ['directory', 'files'], disabled: writable, run: actions.importFolder },
    {
      id: 'source.details',
      title: 'Source details',
      group: 'Sources',
      keywords: ['metadata', 'reliability', 'grade', 'publisher'],
      disabled: (c) => (c.sourceId ? null : 'Open a source first.'),
      run: (c) => c.sourceId && actions.showSourceDetails(c.sourceId),
    },
    Boolean(actions.suggestClaims) && {
      id: 'source.suggest',
      title: 'Suggest claims for this source',
      group: 'Sources',
      keywords: ['suggestions', 'claimants', 'attributions', 'who said', 'reported speech', 'entities', 'extract'],
      disabled: (c) => (c.sourceId ? null : 'Open a source first.'),
      run: (c) => c.sourceId && actions.suggestClaims?.(c.sourceId),
    },
    {
      id: 'excerpt.save',
      title: 'Save excerpt',
      group: 'Excerpts',
      keywords: ['selection', 'passage', 'highlight', 'mark'],
      shortcuts: KEYS.saveExcerpt,
      // The reader handles its own key: it knows the selection and its text.
      keysHandledElsewhere: true,
      disabled: (c) => writable(c) ?? (!c.sourceId ? 'Open a source first.' : !c.textSelected ? 'Select a passage in the source text first.' : null),
      run: actions.saveExcerpt,
    },
    {
      id: 'excerpt.link',
      title: 'Link excerpt to claim',
      group: 'Excerpts',
      keywords: ['evidence', 'relation', 'supports', 'refutes', 'attach'],
      shortcuts: KEYS.linkExcerpt,
      disabled: (c) =>
        writable(c) ??
        (c.selectedExcerptId
          ? null
          : c.textSelected
            ? `Save the selection as an excerpt first (${formatShortcuts(KEYS.saveExcerpt)}), then link it.`
            : 'Select an excerpt first: save a passage, or choose one in the Excerpts list.'),
      run: (c) => c.selectedExcerptId && actions.linkExcerpt(c.selectedExcerptId),
    },
    {
      id: 'excerpt.next',
      title: 'Next excerpt',
      group: 'Excerpts',
      keywords: ['down', 'forward'],
      shortcuts: KEYS.nextExcerpt,
      disabled: (c) => stepReason(c, 1),
      run: (c) => step(actions, c, 1),
    },
    {
      id: 'excerpt.previous',
      title: 'Previous excerpt',
      group: 'Excerpts',
      keywords: ['up', 'back'],
      shortcuts: KEYS.previousExcerpt,
      disabled: (c) => stepReason(c, -1),
      run: (c) => step(actions, c, -1),
    },
    {
      id: 'excerpt.import-annotations',
      title: 'Import annotations…',
      group: 'Excerpts',
      keywords: ['w3c', 'web annotation', 'hypothesis', 'json-ld'],
      disabled: (c) => writable(c) ?? (c.sourceId ? null : 'Open the source the annotations belong to first.'),
      run: actions.importAnnotations,
    },
    { id: 'claim.new', title: 'New claim', group: 'Claims', keywords: ['add', 'create', 'statement'], shortcuts: KEYS.newClaim, disabled: writable, run: actions.newClaim },
    {
      id: 'edit.trash',
      title: 'Move the selected excerpt or claim to the trash',
      group: 'Edit',
      keywords: ['delete', 'remove'],
      disabled: (c) => writable(c) ?? (c.inspected ? null : 'Select an excerpt or a claim first.'),
      run: (c) => c.inspected && actions.trash(c.inspected),
    },
    // Editing and the notebook.
    { id: 'edit.undo', title: 'Undo', group: 'Edit', shortcuts: KEYS.undo, disabled: (c) => writable(c) ?? (c.canUndo ? null : 'Nothing to undo.'), run: actions.undo },
    { id: 'edit.redo', title: 'Redo', group: 'Edit', shortcuts: KEYS.redo, disabled: (c) => writable(c) ?? (c.canRedo ? null : 'Nothing to redo.'), run: actions.redo },
    Boolean(actions.openTrash) && { id: 'edit.open-trash', title: 'Trash…', group: 'Edit', keywords: ['restore', 'deleted', 'bin'], run: () => actions.openTrash?.() },
    Boolean(actions.openSearch) && {
      id: 'notebook.search',
      title: 'Search the notebook',
      group: 'Notebook',
      keywords: ['find', 'look up'],
      shortcuts: KEYS.search,
      run: () => actions.openSearch?.(),
    },
    Boolean(actions.openNotebookNote) && { id: 'notebook.note', title: 'Notebook note', group: 'Notebook', keywords: ['notes', 'markdown', 'write'], run: () => actions.openNotebookNote?.() },
    Boolean(actions.openTags) && { id: 'notebook.tags', title: 'Tags…', group: 'Notebook', keywords: ['colours', 'colors', 'labels'], run: () => actions.openTags?.() },
    { id: 'notebook.new', title: 'New notebook…', group: 'Notebook', keywords: ['create'], shortcuts: KEYS.newNotebook, run: actions.newNotebook },
    { id: 'notebook.open', title: 'Open notebook…', group: 'Notebook', keywords: ['folder', 'switch'], shortcuts: KEYS.openNotebook, run: actions.openNotebook },
    {
      id: 'notebook.import-bundle',
      title: 'Import notebook bundle…',
      group: 'Notebook',
      keywords: ['merge', 'colleague', 'combine'],
      disabled: writable,
      run: actions.importBundle,
    },
    { id: 'notebook.import-csl', title: 'Import CSL-JSON…', group: 'Notebook', keywords: ['zotero', 'citations', 'references', 'bibliography'], disabled: writable, run: actions.importCsl },
    { id: 'notebook.export', title: 'Export…', group: 'Notebook', keywords: ['brief', 'csv', 'markdown', 'pdf', 'bundle', 'save as'], run: actions.exportNotebook },
    {
      id: 'notebook.settings',
      title: 'Notebook settings…',
      group: 'Notebook',
      keywords: ['name', 'organisation', 'organization', 'preferences'],
      shortcuts: KEYS.notebookSettings,
      disabled: writable,
      run: actions.notebookSettings,
    },
    // Where the analyst looks.
    ...VIEW_TABS.map(
      (tab): Command<AppContext> => ({
        id: `view.${tab.name}`,
        title: `Show ${tab.label}`,
        group: 'Views',
        keywords: ['view', 'go to', 'switch'],
        shortcuts: [{ key: tab.key, alt: true }],
        run: () => actions.showView(tab.name),
      }),
    ),
    {
      id: 'view.inspector',
      title: 'Show or hide the inspector',
      group: 'Views',
      keywords: ['toggle', 'pane', 'panel', 'details'],
      run: actions.toggleInspector,
    },
    Boolean(actions.toggleTheme) && {
      id: 'view.theme',
      title: 'Toggle theme (System, Light, Dark)',
      group: 'Views',
      keywords: ['dark', 'light', 'mode', 'night', 'colours', 'colors', 'appearance'],
      shortcuts: KEYS.theme,
      run: () => actions.toggleTheme?.(),
    },
    { id: 'view.next-pane', title: 'Focus the next pane', group: 'Views', keywords: ['library', 'reader', 'inspector', 'move'], shortcuts: KEYS.nextPane, run: () => actions.focusPane(1) },
    {
      id: 'view.previous-pane',
      title: 'Focus the previous pane',
      group: 'Views',
      keywords: ['library', 'reader', 'inspector', 'move'],
      shortcuts: KEYS.previousPane,
      run: () => actions.focusPane(-1),
    },
    { id: 'help.palette', title: 'Commands…', group: 'Help', keywords: ['palette', 'actions', 'run'], shortcuts: KEYS.palette, run: actions.openPalette },
    { id: 'help.shortcuts', title: 'Keyboard shortcuts', group: 'Help', keywords: ['keys', 'help', 'cheat sheet'], shortcuts: KEYS.shortcuts, run: actions.openShortcuts },
  ];
  return commands.filter((c): c is Command<AppContext> => c !== false);
}
