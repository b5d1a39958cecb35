// Runs `corroborate` in-process for the command-line tests, and reads a folder's bytes to show a
// command wrote nothing. Test helper only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../notebook/node/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `corroborate ...argv` run from the folder `cwd`, with what it printed. */
export async function runIn(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

/**
 * Every file's bytes under dir (base64, by relative path), and every folder (as "name/": ''), so
 * a folder made or removed shows too; {} when dir does not exist.
 */
export function folderBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        out[`${prefix}${name}/`] = '';
        walk(path, `${prefix}${name}/`);
      } else out[`${prefix}${name}`] = readFileSync(path).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}
