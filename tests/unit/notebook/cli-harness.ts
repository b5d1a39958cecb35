// Runs `corroborate` in-process for the command-line tests, and reads a folder's bytes to show a
// command wrote nothing. Test helper only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Every file's bytes under dir (base64, by relative path). */
export function folderBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path).toString('base64');
  }
  return out;
}
