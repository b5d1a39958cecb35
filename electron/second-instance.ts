// What a launch asks Corroborate to open, from that launch's own arguments and working folder: a
// notebook folder (--notebook DIR, or a path the OS passed: a notebook double-clicked in Finder,
// "Open with", a file manager's %U), or a notebook bundle to merge. A second launch works it out
// and hands it to the running app (requestSingleInstanceLock's additionalData), which focuses its
// window and opens it; the first launch asks the same function. Pure: never reads the disk.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The extension File ▸ Export… gives a notebook bundle (notebook/common/export/formats.ts). */
export const BUNDLE_SUFFIX = '.corroborate.json';

const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => path.isAbsolute(p) && !p.includes('\0'), 'an absolute path');

export const OpenRequest = z.discriminatedUnion('kind', [
  /** A notebook folder to open (made when it is missing or empty, as --notebook does). */
  z.object({ kind: z.literal('notebook'), path: AbsolutePath }),
  /** A notebook bundle to merge into the open notebook. */
  z.object({ kind: z.literal('bundle'), path: AbsolutePath }),
]);
export type OpenRequest = z.infer<typeof OpenRequest>;

/** What a second launch passes to the running app. */
export const SecondInstanceData = z.object({ request: OpenRequest.nullable() });
export type SecondInstanceData = z.infer<typeof SecondInstanceData>;

/** Flags of ours that take their value as the next argument (launch.ts): that value is no path to open. */
const VALUE_FLAGS = new Set(['--notebook', '--port', '--config-dir']);

/** A bundle by its name; anything else is taken for a notebook folder (opening it says why when it is not one). */
export function requestForPath(file: string): OpenRequest {
  return { kind: file.toLowerCase().endsWith(BUNDLE_SUFFIX) ? 'bundle' : 'notebook', path: file };
}

/** An argument as a path: a file:// URL (desktop files pass %U) made a path, a relative path resolved against the launch's folder. */
function pathOf(arg: string, cwd: string): string | null {
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  // Another scheme (a URL dropped on a launcher) is nothing this app opens.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null;
  return path.resolve(cwd, arg);
}

/**
 * What the arguments of a launch (after the executable, and the app's script in development) ask
 * to open: --notebook first, else the first plain path. Switches of Chromium or the OS
 * (--no-sandbox, -psn_0_123 on older macOS) are not paths. Null: nothing in particular.
 */
export function openRequestOf(args: readonly string[], cwd: string): OpenRequest | null {
  let firstPath: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--notebook' || arg.startsWith('--notebook=')) {
      const value = arg === '--notebook' ? args[i + 1] : arg.slice('--notebook='.length);
      if (value?.trim() && !value.startsWith('--')) return { kind: 'notebook', path: path.resolve(cwd, value) };
      continue;
    }
    if (VALUE_FLAGS.has(arg)) {
      i++;
      continue;
    }
    if (arg === '--') continue;
    if (arg.startsWith('-') || firstPath !== null) continue;
    firstPath = pathOf(arg, cwd);
  }
  return firstPath ? requestForPath(firstPath) : null;
}

/**
 * What a second launch asked for, in the running app: what it worked out itself (additionalData,
 * checked: it crossed from another process), else read from the argv Chromium passed on (which
 * may be reordered and have switches added, hence second best). `argsFrom` skips the executable
 * (and the script in development), as for the app's own launch.
 */
export function requestFromSecondInstance(additionalData: unknown, argv: readonly string[], cwd: string, argsFrom: number): OpenRequest | null {
  const data = SecondInstanceData.safeParse(additionalData);
  if (data.success) return data.data.request;
  return openRequestOf(argv.slice(argsFrom), cwd);
}
