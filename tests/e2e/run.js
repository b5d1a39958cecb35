#!/usr/bin/env node
// `npm run test:e2e`: finds a Chromium for the browser host (and installs Debian's when it can),
// finds Electron's binary when it is installed, says which host(s) the run uses, then runs
// Playwright with them. `npm run test:electron` (--electron-only) runs the same specs in Electron
// alone, and fails, saying how to install it, when its binary is missing. Never downloads a
// browser or Electron itself: both downloads need the internet.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function say(line) {
  process.stdout.write(`${line}\n`);
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    say(`e2e: CHROMIUM_PATH is set to ${fromEnv}, which does not exist; looking elsewhere.`);
  }
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

function installChromium() {
  const isDebian = fs.existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) return;
  say('e2e: no Chromium found; installing Debian\'s with "apt-get update && apt-get install -y chromium" (running as root).');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      say(`e2e: "apt-get ${args.join(' ')}" failed (${result.error?.message ?? `exit code ${result.status}`}).`);
      return;
    }
  }
}

/** "Chromium 156" from `chromium --version`; the Debian wrapper script may print noise on stderr. */
function chromiumVersion(executable) {
  try {
    const out = execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 });
    const match = /(Chromium|Google Chrome)\s+(\d+)/.exec(out);
    return match ? `${match[1]} ${match[2]}` : path.basename(executable);
  } catch {
    return path.basename(executable);
  }
}

/**
 * How to get Electron's binary where it is missing. require('electron') would name the same path,
 * but where the binary is missing it starts the download itself, which hangs or fails offline.
 */
const INSTALL_ELECTRON = [
  '  With internet access, download it once: npx electron --version (or: node node_modules/electron/install.js),',
  '  or point ELECTRON_OVERRIDE_DIST_PATH at a folder holding an unpacked Electron of the version in package.json,',
  '  and on Linux without a desktop run it under a virtual display: xvfb-run npm run test:electron',
].join('\n');

/** Electron's binary, through the same function `npm start` uses (built into dist/ by `npm run build`). */
async function findElectron() {
  const launch = path.join(root, 'dist', 'electron', 'launch.js');
  const { findElectronBinary } = await import(pathToFileURL(launch).href);
  const found = findElectronBinary(path.join(root, 'node_modules', 'electron'), process.env);
  if ('missing' in found) return { missing: `Electron binary not installed: ${found.missing}` };
  // Electron needs a display on Linux; without one it cannot open its window.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: `Electron binary at ${found.path}, but there is no display (DISPLAY is unset; run under xvfb-run to include it)` };
  }
  return { path: found.path };
}

async function main() {
  const argv = process.argv.slice(2);
  const electronOnly = argv.includes('--electron-only');
  const playwrightArgs = argv.filter((a) => a !== '--electron-only');
  for (const built of ['dist/electron/start.js', 'dist/electron/launch.js', 'dist/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, built))) {
      say(`e2e: ${built} is missing; run "npm run build" first (npm test does).`);
      return 1;
    }
  }

  if (electronOnly) {
    const electron = await findElectron();
    if (!('path' in electron)) {
      say(`e2e (Electron): cannot run: ${electron.missing}.\n${INSTALL_ELECTRON}`);
      return 1;
    }
    say(`e2e host: Electron (${electron.path})`);
    return runPlaywright({ ...process.env, CORROBORATE_E2E_HOSTS: 'electron', CORROBORATE_ELECTRON: electron.path }, playwrightArgs);
  }

  let chromium = findChromium();
  if (!chromium) {
    installChromium();
    chromium = findChromium();
  }
  if (!chromium) {
    say(
      [
        'e2e: no Chromium found. The suite drives the browser host in Chromium, and Playwright cannot download browsers here.',
        `  Looked at: ${[process.env.CHROMIUM_PATH && `$CHROMIUM_PATH (${process.env.CHROMIUM_PATH})`, ...CANDIDATES].filter(Boolean).join(', ')}`,
        '  Install one (Debian/Ubuntu: sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium or Chrome executable.',
      ].join('\n'),
    );
    return 1;
  }

  const electron = await findElectron();
  const wanted = process.env.CORROBORATE_E2E_HOSTS?.split(',').map((h) => h.trim());
  const useElectron = 'path' in electron && (!wanted || wanted.includes('electron'));
  const hosts = useElectron ? 'browser,electron' : 'browser';
  const browserHost = `browser host in ${chromiumVersion(chromium)} at ${chromium}`;
  if (useElectron) say(`e2e hosts: ${browserHost}, and Electron (${electron.path})`);
  else if ('path' in electron) say(`e2e host: ${browserHost} (Electron left out: CORROBORATE_E2E_HOSTS=${process.env.CORROBORATE_E2E_HOSTS})`);
  else say(`e2e host: ${browserHost} (${electron.missing})`);

  const env = { ...process.env, CORROBORATE_CHROMIUM: chromium, CORROBORATE_E2E_HOSTS: hosts };
  if (useElectron) env.CORROBORATE_ELECTRON = electron.path;
  return runPlaywright(env, playwrightArgs);
}

/** What a failure's folder holds for a reader of the log: the page at the failure, and its console. */
const CONTEXT_FILES = ['error-context.md', 'page-console.txt'];
const CONTEXT_MAX_CHARS = 20_000;

/**
 * Prints each failed test's context files (Playwright's error context: the page's accessibility
 * tree when it failed; the page's console errors): CI keeps only the log, and a failure that does
 * not happen again locally is understood from this or not at all.
 */
function printFailureContext(resultsDir) {
  let folders;
  try {
    folders = fs.readdirSync(resultsDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  } catch {
    return;
  }
  for (const folder of folders) {
    for (const name of CONTEXT_FILES) {
      const file = path.join(resultsDir, folder.name, name);
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const shown = text.length > CONTEXT_MAX_CHARS ? `${text.slice(0, CONTEXT_MAX_CHARS)}\n… (${text.length - CONTEXT_MAX_CHARS} more characters in ${file})` : text;
      say(`\n== ${path.join(folder.name, name)} ==\n${shown}`);
    }
  }
}

/** `playwright test` with the hosts chosen; resolves with its exit code. */
function runPlaywright(env, args) {
  const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const child = spawn(process.execPath, [cli, 'test', ...args], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (status !== 0) printFailureContext(path.join(root, 'test-results'));
      resolve(status);
    });
    child.on('error', (e) => {
      say(`e2e: could not run Playwright: ${e.message}`);
      resolve(1);
    });
  });
}

process.exitCode = await main();
