// `npm start --browser` remembers the notebook: without --notebook it reopens the newest notebook
// on the recent list that is still there. The list lives in a temp config folder (--config-dir or
// CORROBORATE_CONFIG_DIR), never the real one. start.ts is compiled into .tmp/ first (start-process.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotebookDir } from '../../../electron/launch.js';
import { configDirFor, RecentNotebooks } from '../../../notebook/node/recent.js';
import { buildStart, launch, type Ended, type StartBuild } from './start-process.js';

let build: StartBuild;
let tmp: string;

beforeAll(() => {
  build = buildStart('start-recent-test');
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-start-recent-')));
}, 120_000);

afterAll(() => {
  build.remove();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts the browser host, waits for its address, stops it with SIGTERM; returns what it printed. The test's env decides the config folder. */
async function runOnce(args: string[], env: Record<string, string>): Promise<Ended> {
  const run = await launch(build.startJs, ['--browser', '--port', '0', ...args], { cwd: tmp, env, stopWhenRunning: true });
  if (!('ended' in run)) throw new Error('a launch told to stop did not end');
  return run;
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
    expect(run.stderr).toContain('--config-dir needs a value');
  }, 30_000);
});
