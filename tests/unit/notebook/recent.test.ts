// The recent-notebooks list: order, its length, one entry per folder, a damaged file, which are still there.
// Every test works in its own temp folder: nothing here may touch the real ~/.config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type RecentNotebook } from '../../../notebook/common/api.js';
import { configDirFor, MAX_RECENT, RECENT_FILE, RecentNotebooks } from '../../../notebook/node/recent.js';
import { createService } from '../../../notebook/node/service.js';

let tmp: string;
let configDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-recent-'));
  configDir = path.join(tmp, 'config', 'Corroborate');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder that looks like a notebook (it has a notebook.json). */
function notebookFolder(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'notebook.json'), '{}');
  return dir;
}

const at = (minute: number) => `2026-06-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('RecentNotebooks', () => {
  it('starts empty, without creating anything, when nothing was opened yet', () => {
    const recent = new RecentNotebooks(configDir);
    expect(recent.list()).toEqual([]);
    expect(recent.mostRecentAvailable()).toBeNull();
    expect(fs.existsSync(configDir)).toBe(false);
  });

  it('keeps notebooks newest first, in a file a second instance reads the same way', () => {
    const korea = notebookFolder('Korea.corroborate');
    const ukraine = notebookFolder('Ukraine.corroborate');
    const recent = new RecentNotebooks(configDir);
    recent.record(korea, 'Korea arms', at(1));
    recent.record(ukraine, 'Ukraine grain', at(2));
    const expected = [
      { path: ukraine, name: 'Ukraine grain', openedAt: at(2), available: true },
      { path: korea, name: 'Korea arms', openedAt: at(1), available: true },
    ];
    expect(recent.list()).toEqual(expected);
    expect(new RecentNotebooks(configDir).list()).toEqual(expected);
    expect(fs.existsSync(path.join(configDir, RECENT_FILE))).toBe(true);
  });

  it('lists a folder once, however its path is written, at the top with its newest name', () => {
    const korea = notebookFolder('Korea.corroborate');
    const link = path.join(tmp, 'shortcut.corroborate');
    fs.symlinkSync(korea, link);
    const recent = new RecentNotebooks(configDir);
    recent.record(korea, 'Korea arms', at(1));
    recent.record(notebookFolder('Other.corroborate'), 'Other', at(2));
    recent.record(`${korea}${path.sep}`, 'Korea arms (renamed)', at(3));
    recent.record(path.join(korea, '..', 'Korea.corroborate'), 'Korea arms (renamed)', at(4));
    recent.record(link, 'Korea arms (renamed)', at(5));
    const list = recent.list();
    expect(list.map((n) => [n.name, n.openedAt])).toEqual([
      ['Korea arms (renamed)', at(5)],
      ['Other', at(2)],
    ]);
  });

  it(`keeps at most ${MAX_RECENT}, dropping the oldest`, () => {
    const recent = new RecentNotebooks(configDir);
    for (let i = 0; i < MAX_RECENT + 3; i++) recent.record(notebookFolder(`n${i}.corroborate`), `Notebook ${i}`, at(i));
    const names = recent.list().map((n) => n.name);
    expect(names).toHaveLength(MAX_RECENT);
    expect(names[0]).toBe(`Notebook ${MAX_RECENT + 2}`);
    expect(names.at(-1)).toBe('Notebook 3');
  });

  it('marks a notebook whose folder is gone or no longer holds a notebook as unavailable, and skips it when reopening the last one', () => {
    const korea = notebookFolder('Korea.corroborate');
    const moved = notebookFolder('Moved.corroborate');
    const emptied = notebookFolder('Emptied.corroborate');
    const recent = new RecentNotebooks(configDir);
    recent.record(korea, 'Korea', at(1));
    recent.record(emptied, 'Emptied', at(2));
    recent.record(moved, 'Moved', at(3));
    fs.rmSync(moved, { recursive: true });
    fs.rmSync(path.join(emptied, 'notebook.json'));
    expect(recent.list().map((n) => [n.name, n.available])).toEqual([
      ['Moved', false],
      ['Emptied', false],
      ['Korea', true],
    ]);
    expect(recent.mostRecentAvailable()?.path).toBe(korea);
  });

  it('forgets a notebook without touching its folder', () => {
    const korea = notebookFolder('Korea.corroborate');
    const other = notebookFolder('Other.corroborate');
    const recent = new RecentNotebooks(configDir);
    recent.record(korea, 'Korea', at(1));
    recent.record(other, 'Other', at(2));
    expect(recent.forget(`${korea}${path.sep}`).map((n) => n.name)).toEqual(['Other']);
    expect(fs.existsSync(path.join(korea, 'notebook.json'))).toBe(true);
    // Forgetting what is not on the list changes nothing.
    expect(recent.forget(path.join(tmp, 'never-opened')).map((n) => n.name)).toEqual(['Other']);
  });

  it.each([
    ['not JSON', '{"version":1,"notebooks":[{"path":'],
    ['another shape', '{"notebooks":"all of them"}'],
  ])('sets aside a damaged file (%s) and starts a new list, never failing', (_what, content) => {
    fs.mkdirSync(configDir, { recursive: true });
    fs.writeFileSync(path.join(configDir, RECENT_FILE), content);
    const recent = new RecentNotebooks(configDir);
    expect(recent.list()).toEqual([]);
    recent.record(notebookFolder('Korea.corroborate'), 'Korea', at(1));
    expect(recent.list().map((n) => n.name)).toEqual(['Korea']);
    const kept = fs.readdirSync(configDir).filter((n) => n.startsWith('recent-notebooks.damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(configDir, kept[0]!), 'utf8')).toBe(content);
  });

  it('leaves out an entry with a relative path (it would mean another folder from each working directory)', () => {
    fs.mkdirSync(configDir, { recursive: true });
    const korea = notebookFolder('Korea.corroborate');
    const entries = [
      { path: 'relative/Korea.corroborate', name: 'Relative', openedAt: at(2) },
      { path: korea, name: 'Korea', openedAt: at(1) },
    ];
    fs.writeFileSync(path.join(configDir, RECENT_FILE), JSON.stringify({ version: 1, notebooks: entries }));
    expect(new RecentNotebooks(configDir).list().map((n) => n.name)).toEqual(['Korea']);
  });

  it('says where and why when the list cannot be saved', () => {
    // A file where the config folder should be: nothing can be written under it.
    fs.writeFileSync(path.join(tmp, 'config'), 'not a folder');
    const recent = new RecentNotebooks(configDir);
    expect(() => recent.record(notebookFolder('Korea.corroborate'), 'Korea')).toThrow(/recent notebooks \(.*recent-notebooks\.json\) could not be saved \(E[A-Z]+/);
    expect(recent.list()).toEqual([]);
  });
});

describe('configDirFor', () => {
  const home = '/home/ann';
  it('takes the flag first, then CORROBORATE_CONFIG_DIR, then the platform folder', () => {
    expect(configDirFor('/tmp/cfg', 'linux', { CORROBORATE_CONFIG_DIR: '/tmp/env' }, home)).toBe('/tmp/cfg');
    expect(configDirFor(undefined, 'linux', { CORROBORATE_CONFIG_DIR: '/tmp/env', XDG_CONFIG_HOME: '/x' }, home)).toBe('/tmp/env');
    expect(configDirFor(undefined, 'linux', { XDG_CONFIG_HOME: '/x' }, home)).toBe('/x/Corroborate');
    expect(configDirFor(undefined, 'linux', { XDG_CONFIG_HOME: 'relative' }, home)).toBe('/home/ann/.config/Corroborate');
    expect(configDirFor(undefined, 'linux', {}, home)).toBe('/home/ann/.config/Corroborate');
    expect(configDirFor(undefined, 'darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Corroborate');
    expect(configDirFor(undefined, 'win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Corroborate');
    expect(configDirFor(undefined, 'win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Corroborate');
  });
});

describe('the service and the recent list', () => {
  const host = { host: 'browser', nativeDialogs: false, version: '0.1.0' } as const;

  it('records the notebook it opens and every one opened after, under its current name; forgets on request', async () => {
    const first = path.join(tmp, 'Korea arms.corroborate');
    const second = path.join(tmp, 'Ukraine grain.corroborate');
    const service = await createService({ notebookDir: first, create: true, host, configDir });
    try {
      const call = async <T>(name: 'recentNotebooks' | 'forgetRecentNotebook' | 'openNotebook' | 'apply', input: unknown): Promise<T> => {
        const outcome = await dispatch(service.handlers, name, input);
        if (!outcome.ok) throw new Error(outcome.error.message);
        return outcome.result as T;
      };
      expect((await call<RecentNotebook[]>('recentNotebooks', {})).map((n) => [n.path, n.name, n.available])).toEqual([[first, 'Korea arms', true]]);

      await call('openNotebook', { path: second, create: true });
      await call('apply', { op: { type: 'settings', set: { name: 'Grain exports' } } });
      const listed = await call<RecentNotebook[]>('recentNotebooks', {});
      expect(listed.map((n) => [n.path, n.name])).toEqual([
        [second, 'Grain exports'],
        [first, 'Korea arms'],
      ]);
      expect(listed.every((n) => n.available)).toBe(true);

      expect((await call<RecentNotebook[]>('forgetRecentNotebook', { path: first })).map((n) => n.path)).toEqual([second]);
      expect(fs.existsSync(path.join(first, 'notebook.json'))).toBe(true);
    } finally {
      await service.close();
    }
    // Closed, the list keeps the name the notebook had: the next launch shows it so.
    expect(new RecentNotebooks(configDir).list().map((n) => n.name)).toEqual(['Grain exports']);
  });

  it('remembers nothing without a config folder', async () => {
    const service = await createService({ notebookDir: path.join(tmp, 'Plain.corroborate'), create: true, host });
    try {
      expect(await dispatch(service.handlers, 'recentNotebooks', {})).toEqual({ ok: true, result: [] });
    } finally {
      await service.close();
    }
    expect(fs.existsSync(configDir)).toBe(false);
  });

  it('opens the notebook even when the list cannot be saved', async () => {
    fs.writeFileSync(path.join(tmp, 'config'), 'not a folder');
    const service = await createService({ notebookDir: path.join(tmp, 'Korea.corroborate'), create: true, host, configDir });
    try {
      expect(service.store.notebook.name).toBe('Korea');
    } finally {
      await service.close();
    }
  });
});
