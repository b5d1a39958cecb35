// `npm start`: opens Corroborate in Electron where its binary is installed, and otherwise (or with
// --browser) serves it to a web browser from 127.0.0.1, printing the address to open. The notebook
// runs in a worker thread (service-worker-host.ts), so this thread only moves bytes.
// Plain Node: never imports electron or the Electron-only modules (main, window, ipc, menu).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNotebookError } from '../notebook/common/errors.js';
import { configDirFor, RecentNotebooks } from '../notebook/node/recent.js';
import { createWorkerService, type WorkerService } from '../notebook/node/service-worker-host.js';
import { startHttpHost, type HttpHost } from './http-host.js';
import { defaultNotebookDir, findElectronBinary, LaunchArgsError, parseLaunchArgs, USAGE, type LaunchArgs } from './launch.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder with Corroborate's package.json: two levels up from dist/electron, one from electron/. */
function projectRoot(): string {
  for (let dir = here; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'corroborate') return dir;
    } catch {
      // not here; look further up
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find Corroborate's package.json above ${here}`);
  }
}

function packageVersion(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** Runs Electron with this app and the same flags, and ends with its exit code. */
function runElectron(binary: string, argv: readonly string[], configDir: string | undefined): void {
  const env = { ...process.env };
  // Set, it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  // The Electron main process reads the config folder from the environment (it takes userData otherwise).
  if (configDir) env.CORROBORATE_CONFIG_DIR = path.resolve(configDir);
  const child = spawn(binary, [path.join(here, 'main.js'), ...argv], { stdio: 'inherit', env });
  // Ctrl+C reaches both processes; the window closes itself and reports how it ended.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (e) => {
    process.stderr.write(`Corroborate could not start Electron (${binary}): ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function runBrowserHost(args: LaunchArgs, root: string): Promise<void> {
  const configDir = configDirFor(args.configDir, process.platform, process.env, os.homedir());
  // Without --notebook: the notebook open last (the newest on the recent list still there), else the default one.
  const notebookDir = args.notebook
    ? path.resolve(args.notebook)
    : (new RecentNotebooks(configDir).mostRecentAvailable()?.path ?? defaultNotebookDir(process.platform, process.env, os.homedir()));
  let service: WorkerService;
  try {
    service = await createWorkerService({
      notebookDir,
      configDir,
      // A missing or empty folder becomes a new notebook; a folder holding anything else is refused.
      create: true,
      host: { host: 'browser', nativeDialogs: false, version: packageVersion(root) },
      onRestarted: (reason) => process.stderr.write(`The notebook process stopped (${reason}) and was started again on ${service.dir}.\n`),
    });
  } catch (e) {
    const reason = isNotebookError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`Corroborate cannot open the notebook at ${notebookDir}\n  ${reason}\n`);
    process.exit(1);
  }

  const staticDir = path.join(root, 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    process.stderr.write(`Note: ${staticDir} has no index.html; run "npm run build" to build the app's page. The API works without it.\n`);
  }

  let host: HttpHost;
  try {
    host = await startHttpHost({ call: service.call, staticDir, port: args.port, notebookDir: () => service.dir });
  } catch (e) {
    process.stderr.write(`Corroborate cannot start its browser host: ${e instanceof Error ? e.message : String(e)}\n`);
    await service.close().catch(() => undefined);
    process.exit(1);
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await host.close();
      // Compacts the journal into the snapshot and releases the notebook's lock.
      await service.close();
      process.exit(0);
    } catch (e) {
      process.stderr.write(`Corroborate could not close the notebook cleanly: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  process.stderr.write(`Notebook: ${service.dir}\n`);
  // The one line scripts and tests look for.
  process.stdout.write(`Corroborate is running at ${host.url}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  let args: LaunchArgs;
  try {
    args = parseLaunchArgs(argv);
  } catch (e) {
    if (!(e instanceof LaunchArgsError)) throw e;
    process.stderr.write(`corroborate: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const root = projectRoot();
  if (!args.browser) {
    const electron = findElectronBinary(path.join(root, 'node_modules', 'electron'), process.env);
    if ('path' in electron) {
      runElectron(electron.path, argv, args.configDir);
      return;
    }
    process.stderr.write(`Electron is not used: ${electron.missing}.\nServing Corroborate to a web browser instead.\n`);
  } else {
    process.stderr.write('Serving Corroborate to a web browser (--browser).\n');
  }
  await runBrowserHost(args, root);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`corroborate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
