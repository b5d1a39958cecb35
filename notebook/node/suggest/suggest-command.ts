// `corroborate suggest FILE [--format json|text] [--notebook DIR]`: the suggested claims and entities
// of a file, for scripting and for measuring. The file is read exactly as import reads it (the
// same readers, in the same sandbox), so offsets are those of the source it would become. Runs the
// suggester in this process (a command has nothing else to keep responsive). Never writes: a
// notebook named with --notebook is opened read-only, only to match its entities.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isNotebookError, NotebookError } from '../../common/errors.js';
import type { Entity } from '../../common/model.js';
import { suggest } from '../../common/suggest/suggest.js';
import type { SuggestedClaim, SuggestedEntity } from '../../common/suggest/types.js';
import { readFileSource } from '../add-source.js';
import { tooLargeMessage } from '../import/extract.js';
import { DEFAULT_LIMITS } from '../import/types.js';
import { openStore } from '../store.js';

export interface SuggestCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export type SuggestFormat = 'json' | 'text';
export const SUGGEST_FORMATS: readonly SuggestFormat[] = ['text', 'json'];

export interface SuggestCommandOptions {
  format: SuggestFormat;
  /** Absolute path of a notebook folder whose entities the names are matched against. */
  notebook?: string;
}

/** What `--format json` prints: offsets in code points of the file's text, as excerpts store them. */
export interface SuggestOutput {
  file: string;
  claims: Pick<SuggestedClaim, 'claimant' | 'claimantKind' | 'entityId' | 'verb' | 'stance' | 'proposition' | 'exact' | 'start' | 'end'>[];
  entities: Omit<SuggestedEntity, 'key'>[];
}

/** Exit code of bad input (a missing, unreadable or unsupported file), as for a usage mistake. */
const EXIT_BAD_INPUT = 2;

/**
 * Prints the suggestions for the file at `path` (named `name` in messages, as the user typed it).
 * Exit code 0 (also when there is nothing to suggest), 2 when the file cannot be read as a
 * source, 1 when the notebook cannot be opened.
 */
export async function suggestCommand(path: string, name: string, options: SuggestCommandOptions, io: SuggestCommandIo): Promise<number> {
  let text: string;
  try {
    const bytes = readBounded(name, path);
    const file = await readFileSource(name, bytes);
    text = file.extracted.text;
  } catch (e) {
    io.stderr(`corroborate: ${isNotebookError(e) ? e.message : `${name}: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return EXIT_BAD_INPUT;
  }
  let known: Entity[] = [];
  if (options.notebook !== undefined) {
    const store = await openStore(options.notebook, { readOnly: true });
    try {
      known = Object.values(store.notebook.entities).filter((e) => !e.deletedAt);
    } finally {
      await store.close();
    }
  }
  const found = suggest(text, known);
  const output: SuggestOutput = {
    file: name,
    claims: found.claims.map((c) => ({
      claimant: c.claimant,
      claimantKind: c.claimantKind,
      entityId: c.entityId,
      verb: c.verb,
      stance: c.stance,
      proposition: c.proposition,
      exact: c.exact,
      start: c.start,
      end: c.end,
    })),
    entities: found.entities.map(({ key: _key, ...entity }) => entity),
  };
  io.stdout(options.format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : describeText(output));
  return 0;
}

/** One line per claim, then the entities: `12–98  Kim Yo Jong (person) denies, «called»: North Korea sent …`. */
function describeText(output: SuggestOutput): string {
  const lines: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  lines.push(`${output.file}: ${plural(output.claims.length, 'suggested claim', 'suggested claims')}, ${plural(output.entities.length, 'entity', 'entities')}`);
  for (const c of output.claims) {
    lines.push(`  ${`${c.start}–${c.end}`.padEnd(11)} ${c.claimant} (${c.claimantKind}) ${c.stance}, «${c.verb}»: ${c.proposition}`);
  }
  if (output.entities.length) {
    lines.push('Entities:');
    for (const e of output.entities) {
      const aliases = e.aliases.length ? `; also ${e.aliases.join(', ')}` : '';
      const inNotebook = e.entityId ? '; in the notebook' : '';
      lines.push(`  ${e.name} (${e.kind}; ${plural(e.mentions, 'mention', 'mentions')}${aliases}${inNotebook})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The file's bytes, its size checked before it is read whole; a folder or a missing file is named as such. */
function readBounded(name: string, path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new NotebookError('invalid', `${name} is a folder, not a file`);
    size = stat.size;
  } catch (e) {
    throw fileError(e, name);
  }
  const max = DEFAULT_LIMITS.maxBytes;
  if (size > max) throw new NotebookError('invalid', tooLargeMessage(name, size, max));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fileError(e, name);
  }
  try {
    const length = Math.min(fstatSync(fd).size, max + 1);
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const n = readSync(fd, bytes, filled, length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > max) throw new NotebookError('invalid', tooLargeMessage(name, filled, max));
    return filled === length ? bytes : bytes.slice(0, filled);
  } catch (e) {
    throw fileError(e, name);
  } finally {
    closeSync(fd);
  }
}

function fileError(e: unknown, name: string): NotebookError {
  if (isNotebookError(e)) return e;
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return new NotebookError('not-found', `${name}: no such file`);
    case 'EACCES':
    case 'EPERM':
      return new NotebookError('io', `${name}: permission denied`);
    default:
      return new NotebookError('io', `${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
