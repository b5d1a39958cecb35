// `npm run test:electron` where Electron's binary is missing (as on this machine): it says so, says
// how to install it, and fails, rather than passing with nothing run. Reads the built app's
// launch.js, like `npm run test:e2e` (npm test builds first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('npm run test:electron without the Electron binary', () => {
  it('fails, naming what is missing and how to install it, and never starts Playwright', () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-no-electron-')), 'electron-dist');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'tests', 'e2e', 'run.js'), '--electron-only'], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: missing },
      encoding: 'utf8',
      timeout: 30_000,
    });
    fs.rmSync(path.dirname(missing), { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`e2e (Electron): cannot run: Electron binary not installed: ELECTRON_OVERRIDE_DIST_PATH is set, but ${missing}`);
    expect(run.stdout).toContain('npx electron --version');
    expect(run.stdout).toContain('xvfb-run npm run test:electron');
    expect(run.stdout).not.toMatch(/Running \d+ tests?/);
  });
});
