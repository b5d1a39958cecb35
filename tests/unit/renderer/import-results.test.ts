// @vitest-environment jsdom
// The import panel at the end of a long run: every file's outcome is listed (failures first), the
// rows arriving in batches over a few frames so that no one task builds hundreds of them.
import { act, createElement, type FunctionComponent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { nextShown, RESULTS_FIRST, RESULTS_STEP } from '../../../renderer/src/import/import-summary.js';
import { reactRootForTests } from './react-root.js';

vi.mock('../../../renderer/src/state.js', () => ({
  importFormats: () => Promise.resolve({ extensions: ['.txt'], maxBytes: 1024 * 1024 }),
  importFile: ({ filename }: { filename: string }) =>
    filename.includes('broken')
      ? Promise.reject(new Error(`${filename}: the file is not UTF-8 text`))
      : Promise.resolve({ duplicateOf: null, source: { id: `id-${filename}`, title: filename.replace('.txt', '') } }),
}));

const FILES = 150;
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('nextShown', () => {
  it('adds one batch at a time and stops exactly at the end', () => {
    expect(nextShown(RESULTS_FIRST, 1000)).toBe(RESULTS_FIRST + RESULTS_STEP);
    expect(nextShown(990, 1000)).toBe(1000);
    expect(nextShown(1000, 1000)).toBe(1000);
    let shown = Math.min(FILES, RESULTS_FIRST);
    let batches = 0;
    while (shown < FILES) {
      shown = nextShown(shown, FILES);
      batches++;
    }
    expect(shown).toBe(FILES);
    expect(batches).toBe(Math.ceil((FILES - RESULTS_FIRST) / RESULTS_STEP));
  });
});

describe('the results of a long import run', () => {
  const mounted = reactRootForTests();

  it(`lists all ${FILES} outcomes, the failures first`, async () => {
    const { importFiles, getImportRun } = await import('../../../renderer/src/import/import-queue.js');
    // Named through a variable: the tests' tsconfig does not compile JSX, vitest does.
    const panelModule = '../../../renderer/src/import/ImportPanel.js';
    const { ImportPanel } = (await import(/* @vite-ignore */ panelModule)) as { ImportPanel: FunctionComponent<{ onOpenSource: (id: string) => void }> };
    const files = Array.from({ length: FILES }, (_, i) => ({ file: new File([`Line ${i}\n`], `${i % 50 === 7 ? 'broken' : 'note'} ${i}.txt`, { type: 'text/plain' }) }));
    const imported: string[] = [];
    await act(async () => {
      mounted.root.render(createElement(ImportPanel, { onOpenSource: () => undefined }));
      await importFiles(files, { imported: (id) => imported.push(id), finishedOne: () => undefined });
    });
    expect(getImportRun()?.running).toBe(false);
    expect(imported).toHaveLength(FILES - 3);
    expect(mounted.container.querySelector('[role="status"]')?.textContent).toBe(`Imported ${FILES - 3} sources · 3 failed`);
    // The rows arrive a batch per frame: wait for the list to be whole.
    const rows = () => mounted.container.querySelectorAll('ul[aria-label="Import results"] > li');
    for (let frame = 0; frame < 20 && rows().length < FILES; frame++) {
      await act(async () => {
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      });
    }
    expect(rows()).toHaveLength(FILES);
    const texts = [...rows()].map((li) => li.textContent ?? '');
    expect(texts.slice(0, 3)).toEqual(['broken 7.txtFailed: the file is not UTF-8 text', 'broken 57.txtFailed: the file is not UTF-8 text', 'broken 107.txtFailed: the file is not UTF-8 text']);
    expect(texts.at(-1)).toBe(`note ${FILES - 1}.txtImported as “note ${FILES - 1}”Open`);
    expect(mounted.container.querySelector('ul[aria-label="Import results"]')?.getAttribute('aria-busy')).toBeNull();
  });
});
