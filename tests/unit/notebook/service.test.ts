import { Buffer } from 'node:buffer';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type HostInfo, type NotebookView, type Outcome } from '../../../notebook/common/api.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Source } from '../../../notebook/common/model.js';
import { createService, type Service } from '../../../notebook/node/service.js';
import { openStore } from '../../../notebook/node/store.js';

const host: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };
const temps: string[] = [];
const services: Service[] = [];

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) {
    chmodAll(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) chmodAll(join(dir, name));
}

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-service-'));
  temps.push(root);
  return root;
}

async function service(dir: string, create = true): Promise<Service> {
  const s = await createService({ notebookDir: dir, create, host });
  services.push(s);
  return s;
}

async function call<T>(s: Service, name: string, input: unknown): Promise<T> {
  const outcome: Outcome = await dispatch(s.handlers, name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  return outcome.result as T;
}

async function failure(s: Service, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const outcome = await dispatch(s.handlers, name, input);
  if (outcome.ok) throw new Error(`${name} succeeded`);
  return outcome.error;
}

describe('service', () => {
  it('adds pasted text as a source whose text comes back normalised', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    const added = await call<{ source: Source; seq: number }>(s, 'addTextSource', {
      title: '  Wire report  ',
      text: 'Seoul — officials said\r\nthousands of containers were shipped.\r\ncafe\u0301',
      published: '2024-01-05',
    });
    expect(added.source.title).toBe('Wire report');
    expect(added.source.dates.published).toEqual({ value: '2024-01-05', from: 'analyst' });
    const { text } = await call<{ text: string }>(s, 'sourceText', { sourceId: added.source.id });
    expect(text).toBe('Seoul — officials said\nthousands of containers were shipped.\ncaf\u00e9');
    expect(added.source.content.length).toBe([...text].length);
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.notebook.sources[added.source.id]).toEqual(added.source);
    expect(view.canUndo).toBe(true);
  });

  it('answers the same text twice with the existing source instead of a duplicate', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    const first = await call<{ source: Source; seq: number; duplicateOf: string | null }>(s, 'addTextSource', { title: 'One', text: 'Same words.\n' });
    const second = await call<{ source: Source; seq: number; duplicateOf: string | null }>(s, 'addTextSource', { title: 'Two', text: 'Same words.\r\n' });
    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toBe(first.source.id);
    expect(second.source.id).toBe(first.source.id);
    expect(second.seq).toBe(first.seq);
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(1);
  });

  it('refuses empty pasted text', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    expect(await failure(s, 'addTextSource', { title: 'Nothing', text: ' \n\t ' })).toEqual({ code: 'invalid', message: 'the text is empty: paste the source text' });
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(0);
  });

  it('imports a Markdown file with its front matter, keeping the original bytes', async () => {
    const s = await service(join(tempRoot(), 'kcna.corroborate'));
    const bytes = Buffer.from('---\ntitle: KCNA statement\ndate: 2024-01-06\npublisher: KCNA\n---\r\nThe tests belong to a five-year plan.\r\n');
    const { source } = await call<{ source: Source }>(s, 'importFile', { filename: 'kcna.md', dataBase64: bytes.toString('base64') });
    expect(source).toMatchObject({ title: 'KCNA statement', publisher: 'KCNA', dates: { published: { value: '2024-01-06', from: 'file' } } });
    expect(source.content).toMatchObject({ mediaType: 'text/markdown', filename: 'kcna.md' });
    expect(Buffer.from(s.store.readFile(source.content.originalSha256))).toEqual(bytes);
    expect((await call<{ text: string }>(s, 'sourceText', { sourceId: source.id })).text).toBe('The tests belong to a five-year plan.\n');

    const binary = await failure(s, 'importFile', { filename: 'photo.txt', dataBase64: Buffer.from([0x89, 0x50, 0, 1]).toString('base64') });
    expect(binary).toEqual({ code: 'invalid', message: 'photo.txt looks binary (a NUL byte at offset 2), not text' });
  });

  it('keeps the current notebook when opening another one fails', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'current.corroborate'));
    await call(s, 'addTextSource', { title: 'Kept', text: 'Still here.' });
    const notANotebook = join(root, 'photos');
    mkdirSync(notANotebook);
    writeFileSync(join(notANotebook, 'holiday.jpg'), 'x');

    const error = await failure(s, 'openNotebook', { path: notANotebook });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('is not a Corroborate notebook');
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.info.path).toBe(join(root, 'current.corroborate'));
    // Still open for writing: the lock was not given up.
    await call(s, 'addTextSource', { title: 'Also kept', text: 'Written after the failed open.' });
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(2);
  });

  it('opens another notebook and lets go of the previous one', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'first.corroborate'));
    const view = await call<NotebookView>(s, 'openNotebook', { path: join(root, 'second.corroborate'), create: true });
    expect(view.info.name).toBe('second');
    expect(view.info.readOnly).toBeNull();
    // The first notebook's lock is released: another writer can open it.
    const first = await openStore(join(root, 'first.corroborate'));
    await first.close();
  });

  it('opens a notebook in a read-only folder for reading, and says why', async () => {
    const dir = join(tempRoot(), 'archived.corroborate');
    const setup = await openStore(dir, { create: true });
    setup.apply({ type: 'create', kind: 'entity', object: { id: newId(), createdAt: now(), updatedAt: now(), name: 'KCNA', kind: 'media outlet' } });
    await setup.close();
    chmodSync(dir, 0o555);
    const before = readFileSync(join(dir, 'notebook.json'));
    const listing = readdirSync(dir).sort();

    const s = await service(dir, false);
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.info.readOnly).toMatch(/read-only/);
    expect(Object.keys(view.notebook.entities)).toHaveLength(1);
    const refused = await failure(s, 'addTextSource', { title: 'New', text: 'Cannot be written.' });
    expect(refused.code).toBe('read-only');
    expect((await failure(s, 'undo', {})).code).toBe('read-only');
    await s.close();
    expect(readFileSync(join(dir, 'notebook.json'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(listing);
  });

  it('answers hostInfo and chooseNotebookFolder from its options', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'a.corroborate'));
    expect(await call(s, 'hostInfo', {})).toEqual(host);
    expect(await call(s, 'chooseNotebookFolder', { create: true })).toBeNull();
    const withDialog = await createService({ notebookDir: join(root, 'b.corroborate'), create: true, host, chooseNotebookFolder: async (create) => (create ? '/new' : '/old') });
    services.push(withDialog);
    expect(await call(withDialog, 'chooseNotebookFolder', { create: true })).toBe('/new');
  });
});
