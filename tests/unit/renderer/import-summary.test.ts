// The import panel's words: the summary names only what happened, the progress line counts the
// file being imported, and a reason does not repeat the file name the list already shows.
import { describe, expect, it } from 'vitest';
import { progressOf, reasonFor, resultsInOrder, summaryText, type ImportItem, type ImportOutcome } from '../../../renderer/src/import/import-summary.js';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
let key = 0;
const item = (name: string, outcome: ImportOutcome): ImportItem => ({ key: ++key, name, outcome });
const imported = (name: string) => item(name, { status: 'imported', sourceId: ID, title: name });

describe('summaryText', () => {
  it('counts imported, duplicates and failures', () => {
    const items = [
      ...Array.from({ length: 17 }, (_, i) => imported(`r${i}.pdf`)),
      item('same.html', { status: 'duplicate', sourceId: ID, title: 'Same' }),
      item('locked.pdf', { status: 'failed', reason: 'locked.pdf is password-protected' }),
      item('junk.docx', { status: 'failed', reason: 'junk.docx is not a Word document' }),
    ];
    expect(summaryText(items)).toBe('Imported 17 sources · 1 already in the notebook · 2 failed');
  });

  it('says one source, and names skipped and cancelled files only when there are some', () => {
    expect(summaryText([imported('a.pdf')])).toBe('Imported 1 source');
    expect(summaryText([item('x.xlsx', { status: 'skipped', reason: 'x' }), item('b.pdf', { status: 'cancelled' })])).toBe(
      'Imported 0 sources · 1 skipped · 1 cancelled',
    );
  });
});

describe('progressOf', () => {
  it('counts the file being imported in its label and the finished ones as the value', () => {
    const run = {
      running: true,
      cancelling: false,
      items: [imported('a.pdf'), item('b.pdf', { status: 'failed', reason: 'x' }), item('c.pdf', { status: 'importing' }), item('d.pdf', { status: 'waiting' })],
    };
    const progress = progressOf(run);
    expect(progress).toMatchObject({ done: 2, total: 4, label: 'Importing 3 of 4' });
    expect(progress.current?.name).toBe('c.pdf');
    expect(progressOf({ ...run, items: run.items.slice(0, 2) }).label).toBe('Importing 2 of 2');
  });
});

describe('reasonFor', () => {
  it('drops a leading "name: " the list already shows, keeps sentences that start with the name', () => {
    expect(reasonFor('bad.pdf', 'bad.pdf: the file is truncated')).toBe('the file is truncated');
    expect(reasonFor('reports/bad.pdf', 'bad.pdf: the file is truncated')).toBe('the file is truncated');
    expect(reasonFor('report.pdf', 'report.pdf is password-protected: remove the password')).toBe('report.pdf is password-protected: remove the password');
  });
});

describe('resultsInOrder', () => {
  it('lists failures first, then duplicates, skipped, cancelled and imported, each in import order', () => {
    const items = [
      imported('a.pdf'),
      item('b.pdf', { status: 'failed', reason: 'x' }),
      item('c.html', { status: 'duplicate', sourceId: ID, title: 'C' }),
      imported('d.pdf'),
      item('e.xlsx', { status: 'skipped', reason: 'x' }),
      item('f.pdf', { status: 'failed', reason: 'y' }),
      item('g.pdf', { status: 'cancelled' }),
    ];
    expect(resultsInOrder(items).map((i) => i.name)).toEqual(['b.pdf', 'f.pdf', 'c.html', 'e.xlsx', 'g.pdf', 'a.pdf', 'd.pdf']);
    expect(items.map((i) => i.name)[0]).toBe('a.pdf');
  });
});
