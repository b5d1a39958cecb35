// `npm start` end to end, in the browser host: the real service, in its worker thread, on a real
// notebook folder. start.ts and its workers are compiled into .tmp/ first (start-process.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotebookDir } from '../../../electron/launch.js';
import { buildStart, launch, URL_LINE, type Ended, type Running, type StartBuild } from './start-process.js';

let build: StartBuild;
let tmp: string;

beforeAll(() => {
  build = buildStart('start-test');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-start-'));
}, 120_000);

afterAll(() => {
  build.remove();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts the host and waits for the address line, or for the process to end. Each launch remembers its notebooks in a config folder of its own. */
function start(args: string[], env: Record<string, string> = {}): Promise<Running | Ended> {
  return launch(build.startJs, args, { cwd: tmp, env, configDir: fs.mkdtempSync(path.join(tmp, 'config-')) });
}

async function running(args: string[], env?: Record<string, string>): Promise<Running> {
  const r = await start(args, env);
  if ('ended' in r) throw new Error(`the host ended (${r.code}):\n${r.stdout}${r.stderr}`);
  return r;
}

async function callApi(host: Running, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': host.token },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}

describe('npm start --browser', () => {
  it('serves a new notebook in an empty folder, keeps what was added, and closes cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'nb-'));
    const host = await running(['--browser', '--notebook', dir, '--port', '0']);
    expect(host.stdout().trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(true);

    const view = await callApi(host, 'getNotebook', {});
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ ok: true, result: { info: { path: fs.realpathSync(dir), readOnly: null }, canUndo: false } });
    const info = await callApi(host, 'hostInfo', {});
    expect(info.body).toMatchObject({ ok: true, result: { host: 'browser', nativeDialogs: false, version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
    const added = await callApi(host, 'addTextSource', { title: 'Wire report', text: 'Kim Yo Jong called it "the most absurd paradox".' });
    expect(added.status).toBe(200);
    const noToken = await fetch(`${host.origin}/api/getNotebook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);

    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
    // Closing compacted the journal into the snapshot: the source is in notebook.json itself.
    expect(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8')).toContain('Wire report');
  }, 30_000);

  it('refuses a notebook another process has open, naming the folder and why', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'nb-'));
    const first = await running(['--browser', '--notebook', dir]);
    try {
      const second = await start(['--browser', '--notebook', dir]);
      expect('ended' in second && second.code).toBe(1);
      const { stderr, stdout } = second as Ended;
      expect(stderr).toContain(`cannot open the notebook at ${dir}`);
      expect(stderr).toContain('locked');
      expect(stdout).not.toMatch(URL_LINE);
    } finally {
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
    }
  }, 30_000);

  it('opens a damaged notebook with no backup read-only, says why, and leaves its file as it was', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'nb-'));
    fs.writeFileSync(path.join(dir, 'notebook.json'), '{"schemaVersion":1,');
    const host = await running(['--browser', '--notebook', dir]);
    const view = (await callApi(host, 'getNotebook', {})) as { body: { result: { info: { readOnly: string } } } };
    const readOnly = view.body.result.info.readOnly;
    expect(readOnly).toMatch(new RegExp(`^${escapeRegExp(path.join(fs.realpathSync(dir), 'notebook.json'))} is not valid JSON`));
    expect(readOnly).toContain('no backup');
    host.child.kill('SIGINT');
    expect(await host.exited).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8')).toBe('{"schemaVersion":1,');
  }, 30_000);

  it('stops at a bad flag with the reason and the usage', async () => {
    const ended = (await start(['--browser', '--prot', '80'])) as Ended;
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(/unknown option "--prot"/);
    expect(ended.stderr).toMatch(/Usage: npm start/);
  }, 30_000);
});

describe('npm start without --browser', () => {
  it('says why Electron is not used, and serves the default notebook instead', async () => {
    const home = fs.mkdtempSync(path.join(tmp, 'home-'));
    const env = { HOME: home, USERPROFILE: home, XDG_DATA_HOME: path.join(home, 'data'), APPDATA: path.join(home, 'AppData'), ELECTRON_OVERRIDE_DIST_PATH: path.join(home, 'no-electron-here') };
    const host = await running([], env);
    expect(host.stderr()).toMatch(/Electron is not used: ELECTRON_OVERRIDE_DIST_PATH is set, but .* does not exist/);
    const expected = defaultNotebookDir(process.platform, env, home);
    expect(fs.existsSync(path.join(expected, 'notebook.json'))).toBe(true);
    const view = await callApi(host, 'getNotebook', {});
    expect(view.body).toMatchObject({ ok: true, result: { info: { name: 'Default' } } });
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
  }, 30_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
