// `npm start --browser` remembers the notebook: without --notebook it reopens the newest notebook
// on the recent list that is still there. The list lives in a temp config folder (--config-dir or
// CORROBORATE_CONFIG_DIR), never the real one. start.ts is compiled into .tmp/ first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotebookDir } from '../../../electron/launch.js';
import { configDirFor, RecentNotebooks } from '../../../notebook/node/recent.js';

const root = path.resolve(import.meta.dirname, '../../..');
let build: string;
let startJs: string;
let tmp: string;

beforeAll(() => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  build = fs.mkdtempSync(path.join(root, '.tmp', 'start-recent-test-'));
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '--outDir', build, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', path.join(root, 'electron/start.ts')],
    { cwd: root, encoding: 'utf8' },
  );
  startJs = path.join(build, 'electron', 'start.js');
  if (!fs.existsSync(startJs)) throw new Error(`could not compile start.ts:\n${tsc.stdout}${tsc.stderr}`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-start-recent-')));
}, 120_000);

afterAll(() => {
  fs.rmSync(build, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const URL_LINE = /^Corroborate is running at http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/m;

/** Starts the browser host, waits for its address, stops it with SIGTERM; returns what it printed. */
function runOnce(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [startJs, '--browser', '--port', '0', ...args], { cwd: tmp, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (URL_LINE.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The environment of a user whose home is `home`: the default notebook and config folders are inside it. */
function homeEnv(home: string): Record<string, string> {
  return { HOME: home, USERPROFILE: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'), APPDATA: path.join(home, 'AppData'), CORROBORATE_CONFIG_DIR: '' };
}

describe('npm start --browser without --notebook', () => {
  it('reopens the notebook opened last, and keeps the list in the config folder given', async () => {
    const home = fs.mkdtempSync(path.join(tmp, 'home-'));
    const config = path.join(home, 'my-config');
    const korea = path.join(home, 'Korea arms.corroborate');
    const first = await runOnce(['--notebook', korea, '--config-dir', config], homeEnv(home));
    expect(first.code).toBe(0);
    expect(new RecentNotebooks(config).list().map((n) => n.path)).toEqual([korea]);

    const again = await runOnce(['--config-dir', config], homeEnv(home));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Notebook: ${korea}\n`);
  }, 60_000);

  it('takes CORROBORATE_CONFIG_DIR when no flag is given, and skips a notebook that is gone', async () => {
    const home = fs.mkdtempSync(path.join(tmp, 'home-'));
    const config = path.join(home, 'env-config');
    const korea = path.join(home, 'Korea arms.corroborate');
    const moved = path.join(home, 'Moved.corroborate');
    const env = { ...homeEnv(home), CORROBORATE_CONFIG_DIR: config };
    expect((await runOnce(['--notebook', korea], env)).code).toBe(0);
    expect((await runOnce(['--notebook', moved], env)).code).toBe(0);
    fs.rmSync(moved, { recursive: true });

    const again = await runOnce([], env);
    expect(again.stderr).toContain(`Notebook: ${korea}\n`);
    // Nothing went to the platform's own config folder.
    expect(fs.existsSync(configDirFor(undefined, process.platform, homeEnv(home), home))).toBe(false);
  }, 60_000);

  it('uses the platform config folder by default, and the default notebook when the list is empty', async () => {
    const home = fs.mkdtempSync(path.join(tmp, 'home-'));
    const env = homeEnv(home);
    const run = await runOnce([], env);
    expect(run.code).toBe(0);
    const defaultNotebook = defaultNotebookDir(process.platform, env, home);
    expect(run.stderr).toContain(`Notebook: ${defaultNotebook}\n`);
    expect(new RecentNotebooks(configDirFor(undefined, process.platform, env, home)).list().map((n) => n.path)).toEqual([defaultNotebook]);
  }, 60_000);

  it('refuses --config-dir without a folder', async () => {
    const run = await runOnce(['--config-dir'], homeEnv(fs.mkdtempSync(path.join(tmp, 'home-'))));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--config-dir needs a folder path');
  }, 30_000);
});
