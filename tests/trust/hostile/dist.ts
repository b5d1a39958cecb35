// Where the built app is (dist/: notebook, electron, renderer), for trust programs that run the
// built code in a child process or serve the built page. Never builds anything itself.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** CORROBORATE_DIST, or <repo>/dist; checked to hold what the programs need. */
export function distDir(): string {
  const dir = path.resolve(process.env.CORROBORATE_DIST ?? path.join(REPO_ROOT, 'dist'));
  for (const file of ['electron/start.js', 'notebook/node/service.js', 'notebook/node/import/worker.js', 'renderer/index.html']) {
    if (!fs.existsSync(path.join(dir, file))) {
      throw new Error(`${path.join(dir, file)} is missing: run "npm run build" (or point CORROBORATE_DIST at a build) before the trust programs`);
    }
  }
  return dir;
}

/** The children folder, where the plain ESM child scripts live. */
export const CHILDREN_DIR = path.join(REPO_ROOT, 'tests', 'trust', 'children');
