// The corroborate command line: import files into a notebook, check a notebook, export it as a
// bundle. Never changes a notebook when any input is bad: every file is checked before the first
// one is imported, and info/export open the notebook read-only.
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from '../common/bundle.js';
import { isNotebookError, NotebookError } from '../common/errors.js';
import { newId, now } from '../common/ids.js';
import { emptyNotebook, find, KINDS, type Id, type Kind, type Notebook } from '../common/model.js';
import { apply } from '../common/operations.js';
import { counts } from '../common/queries.js';
import { codePointLength, sliceCodePoints } from '../common/text.js';
import { prepareFileSource, sha256Hex, storeAndApply } from './add-source.js';
import { importBundle, planBundleImport, type KindCounts } from './bundle-import.js';
import { openStore, type Store } from './store.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths are resolved against; default process.cwd(). */
  cwd?: string;
}

export const USAGE = `Usage: corroborate <command> [options]

Commands:
  import FILE... --notebook DIR [--json]
      Add .txt, .text, .md and .markdown files, and bundle .json files, to the notebook in DIR.
      Creates the notebook when DIR does not exist or is an empty folder. Every file is checked
      first; if any is bad, nothing is imported.
  info --notebook DIR [--json]
      Name, counts and an integrity check (source files, excerpt quotes, references).
      Exits 1 when the check finds problems.
  export --format json --notebook DIR [--out FILE]
      The whole notebook as a bundle (docs/format.md), to standard output or FILE.

Options:
  -n, --notebook DIR   the notebook folder
      --json           machine-readable output
      --format FORMAT  export format: json
  -o, --out FILE       write the export to FILE instead of standard output
  -h, --help           show this help
`;

const EXPORT_FORMATS = ['json'] as const;

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
class UsageError extends Error {}

const OPTIONS = {
  notebook: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  import: ['notebook', 'json'],
  info: ['notebook', 'json'],
  export: ['notebook', 'format', 'out'],
};

/** Runs one command line (without the node and script arguments) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (command === undefined) {
      io.stderr(USAGE);
      return 2;
    }
    const allowed = COMMAND_OPTIONS[command];
    if (!allowed) throw new UsageError(`unknown command "${command}"`);
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined && !allowed.includes(name)) throw new UsageError(`${command} takes no --${name} option`);
    }
    if (values.notebook === undefined || values.notebook === '') throw new UsageError(`${command} needs --notebook DIR`);
    const dir = resolve(cwd, values.notebook);

    switch (command) {
      case 'import':
        if (rest.length === 0) throw new UsageError('import needs at least one FILE');
        return await importCommand(dir, rest, cwd, values.json ?? false, io);
      case 'info':
        if (rest.length) throw new UsageError(`info takes no file arguments (got "${rest[0]}")`);
        return await infoCommand(dir, values.json ?? false, io);
      case 'export': {
        if (rest.length) throw new UsageError(`export takes no file arguments (got "${rest[0]}")`);
        const format = values.format ?? 'json';
        if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
          throw new UsageError(`unknown export format "${format}"; supported: ${EXPORT_FORMATS.join(', ')}`);
        }
        return await exportCommand(dir, values.out === undefined ? undefined : resolve(cwd, values.out), io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`corroborate: ${e.message}\nRun "corroborate --help" for usage.\n`);
      return 2;
    }
    io.stderr(`corroborate: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

// ── import ─────────────────────────────────────────────────────────────────────────────────────

interface InputFile {
  /** The path as typed, for messages. */
  name: string;
  bytes: Uint8Array;
  bundle: unknown | undefined;
}

type FileResult =
  | { file: string; result: 'added'; sourceId: Id; title: string }
  | { file: string; result: 'duplicate'; sourceId: Id; title: string; duplicateOf: Id }
  | { file: string; result: 'bundle'; added: KindCounts; skipped: KindCounts };

async function importCommand(dir: string, names: string[], cwd: string, json: boolean, io: CliIo): Promise<number> {
  const files = names.map((name) => readInput(name, resolve(cwd, name)));
  const isNew = folderIsNewNotebook(dir);

  // 1. Check every file against a copy of the notebook, in order, so files that clash with each
  //    other are caught too. Nothing is written and no lock is taken.
  if (isNew) {
    validate(emptyNotebook(newId(), '', now()), files, { textOf: () => undefined, hasFile: () => false });
  } else {
    const reader = await openStore(dir, { readOnly: true });
    try {
      validate(structuredClone(reader.notebook), files, {
        textOf: (sha) => attempt(() => reader.readText(sha)),
        hasFile: (sha) => attempt(() => reader.readFile(sha)) !== undefined,
      });
    } finally {
      await reader.close();
    }
  }

  // 2. Import for real. Each file is checked again against the notebook as it now is.
  const store = await openStore(dir, { create: isNew });
  const results: FileResult[] = [];
  try {
    if (isNew && !json) io.stdout(`Created notebook "${store.notebook.name}" in ${store.dir}\n`);
    for (const file of files) {
      const result = inFile(file.name, () => importOne(store, file));
      results.push(result);
      if (!json) io.stdout(`${describeResult(result)}\n`);
    }
  } finally {
    await store.close();
  }
  if (json) io.stdout(`${JSON.stringify({ notebook: dir, created: isNew, files: results }, null, 2)}\n`);
  return 0;
}

function readInput(name: string, path: string): InputFile {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) throw new NotebookError('invalid', `${name} is a folder, not a file`);
    bytes = readFileSync(path);
  } catch (e) {
    throw fsError(e, name);
  }
  let bundle: unknown;
  if (extname(name).toLowerCase() === '.json') {
    try {
      bundle = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new NotebookError('invalid', `${name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return { name, bytes, bundle };
}

/**
 * A notebook is created when the folder does not exist or has no notebook.json; openStore then
 * refuses a folder that has other things in it, with its reason.
 */
function folderIsNewNotebook(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) throw new NotebookError('invalid', `${dir} is a file, not a notebook folder`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw fsError(e, dir);
  }
  return !existsSync(join(dir, 'notebook.json'));
}

interface Lookup {
  textOf(sha256: string): string | undefined;
  hasFile(sha256: string): boolean;
}

function validate(scratch: Notebook, files: InputFile[], lookup: Lookup): void {
  // Texts of sources added by earlier files in this run: not on disk yet, but later files may cite them.
  const pending = new Map<string, string>();
  const pendingFiles = new Set<string>();
  const options = {
    textOf: (sha: string) => pending.get(sha) ?? lookup.textOf(sha),
    hasFile: (sha: string) => pendingFiles.has(sha) || lookup.hasFile(sha),
  };
  for (const file of files) {
    inFile(file.name, () => {
      if (file.bundle !== undefined) {
        const plan = planBundleImport(scratch, file.bundle, options);
        if (plan.op) apply(scratch, plan.op);
        for (const [sha, text] of plan.texts) pending.set(sha, text);
        for (const bytes of plan.files) pendingFiles.add(sha256Hex(bytes));
      } else {
        const prepared = prepareFileSource(scratch, file.name, file.bytes);
        if (prepared.op) apply(scratch, prepared.op);
        pending.set(prepared.source.content.textSha256, prepared.text);
        for (const bytes of prepared.files) pendingFiles.add(sha256Hex(bytes));
      }
    });
  }
}

function importOne(store: Store, file: InputFile): FileResult {
  if (file.bundle !== undefined) {
    const { added, skipped } = importBundle(store, file.bundle);
    return { file: file.name, result: 'bundle', added, skipped };
  }
  const prepared = prepareFileSource(store.notebook, file.name, file.bytes);
  storeAndApply(store, prepared);
  const { id, title } = prepared.source;
  return prepared.duplicateOf
    ? { file: file.name, result: 'duplicate', sourceId: id, title, duplicateOf: prepared.duplicateOf.id }
    : { file: file.name, result: 'added', sourceId: id, title };
}

const KIND_PLURALS: Record<Kind, string> = { source: 'sources', excerpt: 'excerpts', claim: 'claims', link: 'links', entity: 'entities' };

function describeResult(r: FileResult): string {
  switch (r.result) {
    case 'added':
      return `${r.file}: added source "${r.title}"`;
    case 'duplicate':
      return `${r.file}: same text as existing source "${r.title}"`;
    case 'bundle': {
      const list = (c: KindCounts) =>
        KINDS.filter((k) => c[k] > 0)
          .map((k) => `${c[k]} ${c[k] === 1 ? k : KIND_PLURALS[k]}`)
          .join(', ');
      const skipped = KINDS.reduce((n, k) => n + r.skipped[k], 0);
      const added = list(r.added);
      return `${r.file}: ${added ? `added ${added}` : 'nothing new'}${skipped ? `; skipped ${skipped} already in the notebook` : ''}`;
    }
  }
}

/** Runs f, putting the file's name in front of any error that does not name it already. */
function inFile<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isNotebookError(e) && !e.message.startsWith(name)) throw new NotebookError(e.code, `${name}: ${e.message}`);
    throw e;
  }
}

function fsError(e: unknown, name: string): Error {
  if (isNotebookError(e)) return e;
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return new NotebookError('not-found', `${name}: no such file or folder`);
    case 'EACCES':
    case 'EPERM':
      return new NotebookError('io', `${name}: permission denied`);
    default:
      return new NotebookError('io', `${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

// ── info ───────────────────────────────────────────────────────────────────────────────────────

async function infoCommand(dir: string, json: boolean, io: CliIo): Promise<number> {
  const store = await openStore(dir, { readOnly: true });
  try {
    const nb = store.notebook;
    const c = counts(nb);
    const problems = checkIntegrity(store);
    if (json) {
      const report = {
        name: nb.name,
        id: nb.id,
        path: store.dir,
        schemaVersion: nb.schemaVersion,
        counts: { sources: c.sources, excerpts: c.excerpts, claims: c.claims, links: c.links, entities: c.entities, inTrash: c.trashed },
        integrity: { ok: problems.length === 0, problems },
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const lines = [
        `name: ${nb.name}`,
        `path: ${store.dir}`,
        `schemaVersion: ${nb.schemaVersion}`,
        `sources: ${c.sources}`,
        `excerpts: ${c.excerpts}`,
        `claims: ${c.claims}`,
        `links: ${c.links}`,
        `entities: ${c.entities}`,
        `in trash: ${c.trashed}`,
        problems.length === 0 ? 'integrity: ok' : `integrity: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
        ...problems.map((p) => `  - ${p}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
    }
    return problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/**
 * Everything that must hold for the notebook to be whole: each source's files are present and
 * still hash to their names, each excerpt's quote is its source's text at its position, each
 * reference names an object that exists (and is live, when the referring object is).
 */
export function checkIntegrity(store: Store): string[] {
  const nb = store.notebook;
  const problems: string[] = [];
  const texts = new Map<Id, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });

  for (const source of Object.values(nb.sources)) {
    const what = `source ${source.id} "${source.title}"`;
    const { textSha256, originalSha256, length } = source.content;
    for (const sha of new Set([originalSha256, textSha256])) {
      let bytes: Uint8Array;
      try {
        bytes = store.readFile(sha);
      } catch {
        problems.push(`${what}: sources/${sha} is missing or unreadable`);
        continue;
      }
      if (sha256Hex(bytes) !== sha) {
        problems.push(`${what}: sources/${sha} has changed (its sha256 no longer matches its name)`);
        continue;
      }
      if (sha === textSha256) {
        try {
          const text = decoder.decode(bytes);
          texts.set(source.id, text);
          if (codePointLength(text) !== length) problems.push(`${what}: its text is ${codePointLength(text)} characters long, not ${length}`);
        } catch {
          problems.push(`${what}: sources/${sha} is not UTF-8 text`);
        }
      }
    }
  }

  const ref = (owner: { id: Id; deletedAt?: string }, ownerKind: Kind, field: string, kind: Kind, id: Id | undefined) => {
    if (id === undefined) return;
    const target = find(nb, kind, id);
    if (!target) problems.push(`${ownerKind} ${owner.id}: ${field} ${id} names no ${kind}`);
    else if (target.deletedAt && !owner.deletedAt) problems.push(`${ownerKind} ${owner.id}: ${field} ${id} is in the trash`);
  };

  for (const s of Object.values(nb.sources)) ref(s, 'source', 'parentSourceId', 'source', s.parentSourceId);
  for (const e of Object.values(nb.excerpts)) {
    ref(e, 'excerpt', 'sourceId', 'source', e.sourceId);
    const text = texts.get(e.sourceId);
    if (text === undefined) continue; // the source or its text is missing: reported above
    const { start, end } = e.selectors.position;
    if (sliceCodePoints(text, start, end) !== e.selectors.quote.exact || end > codePointLength(text)) {
      problems.push(`excerpt ${e.id}: its quote is not its source's text at ${start}–${end}`);
    }
  }
  for (const c of Object.values(nb.claims)) {
    ref(c, 'claim', 'claimantId', 'entity', c.claimantId);
    c.attribution.forEach((step, i) => {
      ref(c, 'claim', `attribution[${i}].entityId`, 'entity', step.entityId);
      ref(c, 'claim', `attribution[${i}].excerptId`, 'excerpt', step.excerptId);
    });
  }
  for (const l of Object.values(nb.links)) {
    ref(l, 'link', 'fromId', l.fromKind, l.fromId);
    ref(l, 'link', 'toId', l.toKind, l.toId);
  }
  return problems;
}

// ── export ─────────────────────────────────────────────────────────────────────────────────────

async function exportCommand(dir: string, out: string | undefined, io: CliIo): Promise<number> {
  const store = await openStore(dir, { readOnly: true });
  let json: string;
  const name = store.notebook.name;
  try {
    const bundle = buildBundle(
      store.notebook,
      {
        text: (sha) => store.readText(sha),
        originalBase64: (sha) => Buffer.from(store.readFile(sha)).toString('base64'),
      },
      now(),
    );
    json = `${JSON.stringify(bundle, null, 2)}\n`;
  } finally {
    await store.close();
  }
  if (out === undefined) {
    io.stdout(json);
  } else {
    writeAtomically(out, json);
    io.stdout(`Exported notebook "${name}" to ${out}\n`);
  }
  return 0;
}

/** Writes to a temporary file beside `path`, flushes it to disk, then renames it into place. */
function writeAtomically(path: string, content: string): void {
  const temp = resolve(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw fsError(e, path);
  }
}
