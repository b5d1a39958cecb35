// @vitest-environment jsdom
// The window hears of an import's new sources once per frame, after it painted, however many came
// within it; what the analyst does is heard at once; no change is lost, and undo right after an
// import takes the newest source back.
import { createElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Applied, NotebookView, SourceAdded } from '../../../notebook/common/api.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, Source } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { reactRootForTests } from './react-root.js';

const T = '2026-01-02T03:04:05.000Z';
const sha = 'b'.repeat(64);
/** The host's side: its sequence number and what each call answers. */
const host = { seq: 0, added: [] as Source[] };

function sourceNamed(title: string): Source {
  return Source.parse({ id: newId(), createdAt: T, updatedAt: T, title, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 10 } });
}

/** The titles of the sources in the page's copy, in the order they came. */
const titles = () => Object.values(getNotebookState().view!.notebook.sources).map((s) => s.title);

function applied(op: Operation): Applied {
  return { seq: ++host.seq, op, canUndo: true, canRedo: false };
}

vi.mock('../../../renderer/src/client.js', () => ({
  fetchTextBySha: () => Promise.reject(new Error('not in these tests')),
  client: {
    getNotebook: (): Promise<NotebookView> => {
      host.seq = 0;
      host.added = [];
      return Promise.resolve({ info: { path: '/tmp/n', id: 'nb', name: 'Telling', readOnly: null, notice: null }, notebook: emptyNotebook('nb', 'Telling', T), seq: 0, canUndo: false, canRedo: false });
    },
    hostInfo: () => Promise.resolve({ host: 'browser', nativeDialogs: false }),
    importFile: ({ filename }: { filename: string }): Promise<SourceAdded> => {
      const source = sourceNamed(filename);
      host.added.push(source);
      return Promise.resolve({ ...applied({ type: 'create', kind: 'source', object: source }), source, duplicateOf: null });
    },
    apply: ({ op }: { op: Operation }) => Promise.resolve(applied(op)),
    undo: () => {
      const last = host.added.pop();
      return Promise.resolve(last ? applied({ type: 'remove', kind: 'source', id: last.id }) : null);
    },
  },
}));

const { applyOperation, getNotebookState, importFile, loadNotebook, undo, useNotebookState } = await import('../../../renderer/src/state.js');

/** The revision of each render of a component that reads the notebook, as the window does. */
const renders: number[] = [];
function Window() {
  renders.push(useNotebookState().revision);
  return null;
}

/** Lets the tasks due now run (React renders a store's change in a microtask). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

// Frames come when a test says so, not on a clock: "within one frame" means the same thing on a slow machine.
const frameCallbacks: FrameRequestCallback[] = [];
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frameCallbacks.push(callback));

/** Paints a frame, then lets the tasks after it run: when an import's changes have been told. */
async function afterFrame(): Promise<void> {
  for (const callback of frameCallbacks.splice(0)) callback(performance.now());
  await settled();
  await settled();
}

describe('telling the window of changes', () => {
  const mounted = reactRootForTests();

  beforeEach(async () => {
    await loadNotebook();
    mounted.root.render(createElement(Window));
    // React subscribes the window to the store in an effect a few tasks after rendering it.
    for (let i = 0; i < 5; i++) await settled();
    renders.length = 0;
  });

  it('tells of two sources imported within one frame once, after the frame, with both in the notebook', async () => {
    const before = getNotebookState().revision;
    await importFile({ filename: 'first.txt', dataBase64: '' });
    await settled();
    await importFile({ filename: 'second.txt', dataBase64: '' });
    await settled();
    // Both are in the page's copy at once, each moving the revision, but the window is not redrawn yet.
    const state = getNotebookState();
    expect(state.revision).toBe(before + 2);
    expect(titles()).toEqual(['first.txt', 'second.txt']);
    expect(state.view!.seq).toBe(2);
    expect(renders).toEqual([]);
    await afterFrame();
    expect(renders).toEqual([before + 2]);
    // Nothing more comes later.
    await afterFrame();
    expect(renders).toEqual([before + 2]);
  });

  it('tells at once of what the analyst does, which also shows an import that came just before', async () => {
    const before = getNotebookState().revision;
    await importFile({ filename: 'report.txt', dataBase64: '' });
    await applyOperation({ type: 'settings', set: { name: 'Renamed' } });
    await settled();
    expect(renders).toEqual([before + 2]);
    expect(getNotebookState().view!.info.name).toBe('Renamed');
    // The import's telling, due after the frame, has nothing left to say.
    await afterFrame();
    expect(renders).toEqual([before + 2]);
  });

  it('undoes the newest imported source right after the import, and the window shows it gone', async () => {
    await importFile({ filename: 'kept.txt', dataBase64: '' });
    await importFile({ filename: 'undone.txt', dataBase64: '' });
    const applied = await undo();
    expect(applied?.op.type).toBe('remove');
    await settled();
    expect(titles()).toEqual(['kept.txt']);
    expect(renders.at(-1)).toBe(getNotebookState().revision);
  });
});
