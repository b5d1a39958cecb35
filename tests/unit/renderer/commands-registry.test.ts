// The window's registry: no two commands on one key, the optional features left out until App
// passes them, why a command cannot run, and stepping through a source's excerpts in text order.
import { describe, expect, it } from 'vitest';
import { adjacentExcerpt, appCommands, type AppActions, type AppContext } from '../../../renderer/src/commands/app-commands.js';
import { LINK_DIALOG_KEYS, PALETTE_KEYS, READER_SELECTION_KEYS, shortcutIdentity, type KeySection, type Platform, type Shortcut } from '../../../renderer/src/commands/commands.js';
import { excerptsOfSource } from '../../../notebook/common/queries.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

/** Every action recorded by name, so a test sees what a command did. */
function recordingActions(optional: Partial<AppActions> = {}): { actions: AppActions; calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(args.length ? `${name}(${args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a))).join(', ')})` : name);
    };
  const names = [
    'addSource',
    'importFiles',
    'importFolder',
    'importBundle',
    'importAnnotations',
    'importCsl',
    'exportNotebook',
    'notebookSettings',
    'newNotebook',
    'openNotebook',
    'newClaim',
    'linkExcerpt',
    'saveExcerpt',
    'showExcerpt',
    'announce',
    'showSourceDetails',
    'trash',
    'showView',
    'undo',
    'redo',
    'toggleInspector',
    'focusPane',
    'openPalette',
    'openShortcuts',
  ] as const;
  const actions = Object.fromEntries(names.map((n) => [n, record(n)])) as unknown as AppActions;
  return { actions: { ...actions, ...optional }, calls };
}

const ALL_OPTIONAL = { openSearch: () => {}, openTrash: () => {}, openTags: () => {}, openNotebookNote: () => {} };

/** The running example's wire report with three excerpts, saved out of text order. */
function wireReport() {
  const f = new NotebookBuilder();
  const wire = f.source('U.S. and South Korea say North Korea is arming Russia');
  const late = f.excerpt(wire, 'the most absurd paradox', 120);
  const early = f.excerpt(wire, 'accused North Korea', 10);
  const middle = f.excerpt(wire, 'some 1,000 containers', 60);
  const empty = f.source('A statement with no excerpts yet');
  return { f, wire, early, middle, late, empty };
}

function context(nb: NotebookBuilder['nb'], fields: Partial<AppContext> = {}): AppContext {
  return {
    notebook: nb,
    readOnly: null,
    canUndo: true,
    canRedo: false,
    sourceId: null,
    selectedExcerptId: null,
    inspected: null,
    textSelected: false,
    view: 'reader',
    inspectorHidden: false,
    ...fields,
  };
}

/** Keys that act in the same place, by platform: the same identity twice is two commands on one key. */
function clashes(groups: { place: string; shortcuts: readonly Shortcut[] }[], platform: Platform): string[] {
  const seen = new Map<string, string>();
  const found: string[] = [];
  for (const { place, shortcuts } of groups) {
    for (const s of shortcuts) {
      const identity = shortcutIdentity(s, platform);
      if (!identity) continue;
      const other = seen.get(identity);
      if (other && other !== place) found.push(`${identity}: ${other} and ${place}`);
      seen.set(identity, place);
    }
  }
  return found;
}

const sectionKeys = (section: KeySection) => section.keys.map((k) => ({ place: `${section.title}: ${k.title}`, shortcuts: k.shortcuts }));

describe('the registry’s keys', () => {
  const commands = appCommands(recordingActions(ALL_OPTIONAL).actions);
  const windowKeys = commands.map((c) => ({ place: c.title, shortcuts: c.shortcuts ?? [] }));

  for (const platform of ['other', 'mac'] as const) {
    it(`gives no key to two commands of the window, nor to a command and the reader’s selection keys (${platform})`, () => {
      // The window's keys also reach the source text, so they must differ from its selection keys.
      expect(clashes([...windowKeys, ...sectionKeys(READER_SELECTION_KEYS)], platform)).toEqual([]);
    });

    it(`gives no key twice inside the Link dialog or the palette (${platform})`, () => {
      expect(clashes(sectionKeys(LINK_DIALOG_KEYS), platform)).toEqual([]);
      expect(clashes(sectionKeys(PALETTE_KEYS), platform)).toEqual([]);
    });
  }

  it('finds a clash when there is one (so the checks above can fail)', () => {
    expect(clashes([{ place: 'Undo', shortcuts: [{ key: 'z', mod: true }] }, { place: 'Zoom', shortcuts: [{ key: 'z', ctrl: true, only: 'other' }] }], 'other')).toEqual([
      'other:ctrl+z: Undo and Zoom',
    ]);
  });

  it('has the core loop’s keys: save excerpt, link, next and previous excerpt, new claim, palette, sheet, panes', () => {
    const keysOf = (id: string) => commands.find((c) => c.id === id)?.shortcuts?.map((s) => shortcutIdentity(s, 'other'));
    expect(keysOf('excerpt.save')).toEqual(['other:ctrl+e']);
    expect(keysOf('excerpt.link')).toEqual(['other:ctrl+l']);
    expect(keysOf('excerpt.next')).toEqual(['other:alt+arrowdown', 'other:j']);
    expect(keysOf('excerpt.previous')).toEqual(['other:alt+arrowup', 'other:k']);
    expect(keysOf('claim.new')).toEqual(['other:n']);
    expect(keysOf('help.palette')).toEqual(['other:ctrl+shift+p', 'other:f1']);
    expect(keysOf('help.shortcuts')).toEqual(['other:?']);
    expect(keysOf('view.next-pane')).toEqual(['other:f6']);
    expect(keysOf('view.previous-pane')).toEqual(['other:shift+f6']);
    expect(keysOf('view.board')).toEqual(['other:alt+2']);
  });

  it('gives every command a unique id and a title', () => {
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    for (const c of commands) expect(c.title.trim()).not.toBe('');
  });
});

describe('features App has not wired yet', () => {
  it('leaves out search, trash, tags and the notebook note until their actions are passed', () => {
    const without = appCommands(recordingActions().actions).map((c) => c.id);
    expect(without).not.toContain('notebook.search');
    expect(without).not.toContain('edit.open-trash');
    expect(without).not.toContain('notebook.tags');
    expect(without).not.toContain('notebook.note');
    const withAll = appCommands(recordingActions(ALL_OPTIONAL).actions).map((c) => c.id);
    expect(withAll).toEqual(expect.arrayContaining(['notebook.search', 'edit.open-trash', 'notebook.tags', 'notebook.note']));
  });
});

describe('why a command cannot run', () => {
  const { f, wire, early } = wireReport();
  const { actions, calls } = recordingActions();
  const byId = new Map(appCommands(actions).map((c) => [c.id, c]));
  const reason = (id: string, ctx: AppContext) => byId.get(id)!.disabled?.(ctx) ?? null;

  it('asks for a selected passage before saving an excerpt, and for a saved excerpt before linking', () => {
    expect(reason('excerpt.save', context(f.nb, { sourceId: wire }))).toBe('Select a passage in the source text first.');
    expect(reason('excerpt.save', context(f.nb, { sourceId: wire, textSelected: true }))).toBeNull();
    expect(reason('excerpt.link', context(f.nb, { sourceId: wire, textSelected: true }))).toMatch(/^Save the selection as an excerpt first \(Ctrl\+E\)/);
    expect(reason('excerpt.link', context(f.nb, { sourceId: wire }))).toMatch(/^Select an excerpt first/);
    expect(reason('excerpt.link', context(f.nb, { sourceId: wire, selectedExcerptId: early }))).toBeNull();
  });

  it('says a read-only notebook cannot change, but still opens, exports and searches', () => {
    const ro = context(f.nb, { readOnly: 'the folder is read-only', sourceId: wire, selectedExcerptId: early, textSelected: true });
    for (const id of ['source.add', 'excerpt.save', 'excerpt.link', 'claim.new', 'edit.undo', 'source.import-files']) expect(reason(id, ro)).toMatch(/read-only/);
    for (const id of ['notebook.open', 'notebook.export', 'excerpt.next', 'view.board']) expect(reason(id, ro)).toBeNull();
  });

  it('says when there is nothing to undo or redo', () => {
    expect(reason('edit.undo', context(f.nb, { canUndo: false }))).toBe('Nothing to undo.');
    expect(reason('edit.redo', context(f.nb))).toBe('Nothing to redo.');
  });

  it('links the selected excerpt when run', () => {
    byId.get('excerpt.link')!.run(context(f.nb, { sourceId: wire, selectedExcerptId: early }));
    expect(calls).toEqual([`linkExcerpt(${early})`]);
  });
});

describe('next and previous excerpt', () => {
  const { f, wire, early, middle, late, empty } = wireReport();

  it('steps in the order the text reads, whatever order they were saved in', () => {
    const excerpts = excerptsOfSource(f.nb, wire);
    expect(adjacentExcerpt(excerpts, early, 1)?.id).toBe(middle);
    expect(adjacentExcerpt(excerpts, middle, 1)?.id).toBe(late);
    expect(adjacentExcerpt(excerpts, middle, -1)?.id).toBe(early);
    expect(adjacentExcerpt(excerpts, late, 1)).toBeNull();
    expect(adjacentExcerpt(excerpts, early, -1)).toBeNull();
  });

  it('starts at the first (Next) or the last (Previous) when none of the source is selected', () => {
    const excerpts = excerptsOfSource(f.nb, wire);
    expect(adjacentExcerpt(excerpts, null, 1)?.id).toBe(early);
    expect(adjacentExcerpt(excerpts, null, -1)?.id).toBe(late);
    expect(adjacentExcerpt(excerpts, 'an excerpt of another source', 1)?.id).toBe(early);
  });

  it('shows the next excerpt and says which it is', () => {
    const { actions, calls } = recordingActions();
    const next = appCommands(actions).find((c) => c.id === 'excerpt.next')!;
    next.run(context(f.nb, { sourceId: wire, selectedExcerptId: early }));
    expect(calls).toEqual([`showExcerpt(${middle})`, 'announce(Excerpt 2 of 3: “some 1,000 containers”)']);
  });

  it('says why it cannot step: no source, no excerpts, the end', () => {
    const commands = appCommands(recordingActions().actions);
    const next = commands.find((c) => c.id === 'excerpt.next')!;
    const previous = commands.find((c) => c.id === 'excerpt.previous')!;
    expect(next.disabled!(context(f.nb))).toMatch(/^Open a source first/);
    expect(next.disabled!(context(f.nb, { sourceId: empty }))).toBe('“A statement with no excerpts yet” has no excerpts yet: select a passage and save it.');
    expect(next.disabled!(context(f.nb, { sourceId: wire, selectedExcerptId: late }))).toBe('This is the last excerpt of “U.S. and South Korea say North Korea is arming Russia”.');
    expect(previous.disabled!(context(f.nb, { sourceId: wire, selectedExcerptId: early }))).toMatch(/^This is the first excerpt/);
    expect(next.disabled!(context(f.nb, { sourceId: wire, selectedExcerptId: middle }))).toBeNull();
  });
});
