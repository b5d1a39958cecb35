// getNotebookPart: the open notebook in parts, so that a page never holds a large notebook's whole
// answer at once. Parts put together rebuild what getNotebook answers; a change (or another
// notebook opened) between parts is refused rather than mixed in; wrong requests say what is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type HostInfo, type NotebookPart, type NotebookView } from '../../../notebook/common/api.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { createService, type Service } from '../../../notebook/node/service.js';

const host: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };
const temps: string[] = [];
const services: Service[] = [];

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new notebook cut into parts of about partBytes of JSON (1: an object a part, so a few objects make several parts). */
async function service(name = 'parts', partBytes = 1): Promise<Service> {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-parts-'));
  temps.push(root);
  const s = await createService({ notebookDir: join(root, `${name}.corroborate`), create: true, host, partBytes });
  services.push(s);
  return s;
}

async function call<T>(s: Service, name: string, input: unknown): Promise<T> {
  const outcome = await dispatch(s.handlers, name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  // Through JSON, as every transport carries it: the parts must not share objects with the store.
  return JSON.parse(JSON.stringify(outcome.result)) as T;
}

async function failure(s: Service, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const outcome = await dispatch(s.handlers, name, input);
  if (outcome.ok) throw new Error(`${name} succeeded`);
  return outcome.error;
}

function entity(name: string): Operation {
  const t = now();
  return { type: 'create', kind: 'entity', object: { id: newId(), createdAt: t, updatedAt: t, name, kind: 'organisation' } };
}

/** Seven entities and two sources. */
async function filled(s: Service): Promise<void> {
  await call(s, 'apply', { op: { type: 'batch', label: 'entities', ops: ['KCNA', 'Yonhap', 'NK News', 'Reuters', 'AP', 'BBC', 'NHK'].map(entity) } });
  await call(s, 'addTextSource', { title: 'Wire report', text: 'Officials said containers were shipped.' });
  await call(s, 'addTextSource', { title: 'Denial', text: 'The ministry denied any shipment.' });
}

/** Every part of the notebook from part 0, put together in order, as the page's client does. */
async function assemble(s: Service): Promise<{ view: NotebookView; parts: NotebookPart[] }> {
  const first = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
  const view = first.view!;
  const parts = [first];
  for (let part = 1; part < first.parts; part++) {
    const got = await call<NotebookPart>(s, 'getNotebookPart', { part, snapshot: first.snapshot });
    parts.push(got);
    Object.assign(view.notebook[got.collection!], got.objects);
  }
  return { view, parts };
}

describe('getNotebookPart', () => {
  it('cuts the notebook into parts that put together are the notebook getNotebook answers, in the same order', async () => {
    const s = await service();
    await filled(s);
    const whole = await call<NotebookView>(s, 'getNotebook', {});
    const { view, parts } = await assemble(s);
    expect(parts.map((p) => [p.collection, Object.keys(p.objects).length])).toEqual([[null, 0], ...Array(2).fill(['sources', 1]), ...Array(7).fill(['entities', 1])]);
    expect(parts.every((p) => p.parts === 10 && p.snapshot === parts[0]!.snapshot)).toBe(true);
    expect(view).toEqual(whole);
    // The order of the objects is the notebook's, as the library lists them.
    expect(Object.keys(view.notebook.entities)).toEqual(Object.keys(whole.notebook.entities));
  });

  it('puts as many objects in a part as fit its size, judged from the collection', async () => {
    const s = await service('roomy', 100_000);
    await filled(s);
    const { view, parts } = await assemble(s);
    expect(parts.map((p) => [p.collection, Object.keys(p.objects).length])).toEqual([
      [null, 0],
      ['sources', 2],
      ['entities', 7],
    ]);
    expect(view).toEqual(await call<NotebookView>(s, 'getNotebook', {}));
    // Each entity here is some 200 bytes of JSON: parts of 500 take two or three.
    const tight = await service('tight', 500);
    await filled(tight);
    const cut = (await assemble(tight)).parts.filter((p) => p.collection === 'entities').map((p) => Object.keys(p.objects).length);
    expect(cut.reduce((a, b) => a + b)).toBe(7);
    expect(Math.max(...cut)).toBeGreaterThan(1);
    expect(Math.max(...cut)).toBeLessThan(7);
  });

  it('answers part 0 alone for an empty notebook, its view whole', async () => {
    const s = await service();
    const first = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
    expect(first.parts).toBe(1);
    expect(first.view).toEqual(await call<NotebookView>(s, 'getNotebook', {}));
  });

  it('refuses a part of a state the notebook has left, so a change between parts is never mixed in', async () => {
    const s = await service();
    await filled(s);
    const first = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
    await call(s, 'getNotebookPart', { part: 1, snapshot: first.snapshot });
    await call(s, 'apply', { op: entity('Xinhua') });
    const refused = await failure(s, 'getNotebookPart', { part: 2, snapshot: first.snapshot });
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(/the notebook changed since part 0 was taken .*load it again from part 0/) });
    // Undone, the notebook is as it was, but it is another state (seq moved on): still refused.
    await call(s, 'undo', {});
    expect((await failure(s, 'getNotebookPart', { part: 2, snapshot: first.snapshot })).code).toBe('conflict');
    // Starting again gives the notebook as it is now.
    const again = await assemble(s);
    expect(again.view).toEqual(await call<NotebookView>(s, 'getNotebook', {}));
    expect(again.parts[0]!.snapshot).not.toBe(first.snapshot);
  });

  it('refuses a part of another notebook than the one open now', async () => {
    const s = await service();
    await filled(s);
    const first = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
    const other = mkdtempSync(join(tmpdir(), 'corroborate-parts-other-'));
    temps.push(other);
    await call(s, 'openNotebook', { path: join(other, 'other.corroborate'), create: true });
    await filled(s);
    // The same changes made the same number of steps: the other notebook is at the same seq, yet the snapshot is not its.
    expect((await call<NotebookView>(s, 'getNotebook', {})).seq).toBe(first.view!.seq);
    expect((await failure(s, 'getNotebookPart', { part: 1, snapshot: first.snapshot })).code).toBe('conflict');
  });

  it('says what is wrong with a part that does not exist or a request without its snapshot', async () => {
    const s = await service();
    await filled(s);
    const first = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
    expect(await failure(s, 'getNotebookPart', { part: 10, snapshot: first.snapshot })).toEqual({
      code: 'invalid',
      message: 'getNotebookPart: there is no part 10: this notebook is in 10 parts (0–9)',
    });
    expect(await failure(s, 'getNotebookPart', { part: 2 })).toEqual({ code: 'invalid', message: 'getNotebookPart: part 2 needs the snapshot that part 0 answered' });
    expect(await failure(s, 'getNotebookPart', { part: -1 })).toMatchObject({ code: 'invalid', message: expect.stringContaining('part cannot be negative') });
    expect(await failure(s, 'getNotebookPart', { part: 1.5, snapshot: first.snapshot })).toMatchObject({ code: 'invalid', message: expect.stringContaining('part must be a whole number') });
    expect(await failure(s, 'getNotebookPart', {})).toMatchObject({ code: 'invalid', message: expect.stringContaining('part') });
  });

  it('answers a part again, the same, while the notebook has not changed (a page that reloads)', async () => {
    const s = await service();
    await filled(s);
    const zero = await call<NotebookPart>(s, 'getNotebookPart', { part: 0 });
    const first = await assemble(s);
    const snapshot = first.parts[0]!.snapshot;
    expect(await call<NotebookPart>(s, 'getNotebookPart', { part: 3, snapshot })).toEqual(first.parts[3]);
    expect(await call<NotebookPart>(s, 'getNotebookPart', { part: 0 })).toEqual(zero);
  });
});
