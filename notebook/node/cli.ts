// The corroborate command line: import files and folders into a notebook, check a notebook, export
// it (a brief, a report, a table, a standard format or a bundle). A file that cannot be imported changes nothing (the others still import, and
// each failure is reported with its reason); info and export open the notebook read-only.
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isNotebookError, NotebookError } from '../common/errors.js';
import { newId, now } from '../common/ids.js';
import { COLLECTION, emptyNotebook, find, KINDS, type Id, type Kind } from '../common/model.js';
import { counts } from '../common/queries.js';
import { codePointLength, sliceCodePoints } from '../common/text.js';
import { EXPORT_FORMATS, ExportFormat } from '../common/export/formats.js';
import { exportNotebook } from '../common/export/index.js';
import { prepareReadFile, readFileSource, storeAndApply } from './add-source.js';
import { sha256Hex } from './store/files.js';
import { importBundle, planBundleImport, tryMerge, UnresolvedConflicts, type KindCounts, type Resolution } from './bundle-import.js';
import { isImportable, tooLargeMessage } from './import/extract.js';
import { DEFAULT_LIMITS } from './import/types.js';
import { parseKinds, searchCommand } from './search/search-command.js';
import { SUGGEST_FORMATS, suggestCommand, type SuggestFormat } from './suggest/suggest-command.js';
import { openStore, type Store } from './store.js';

/** Files in a folder are read in the order a person would list them: r2 before r10. */
const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths are resolved against; default process.cwd(). */
  cwd?: string;
  /** Standard error is a terminal: import shows which file it is reading there. Default false. */
  stderrIsTTY?: boolean;
  /** Aborting it stops an import after the current file, as Ctrl+C (SIGINT) does. */
  signal?: AbortSignal;
}

export const USAGE = `Usage: corroborate <command> [options]

Commands:
  import PATH... --notebook DIR [--json] [--prefer mine|theirs]
      Add files to the notebook in DIR: .txt, .md, .html, .mhtml, .pdf and .docx (up to 200 MB
      each), and bundle .json files. A PATH that is a folder adds every such file in it and its
      subfolders (not bundles, not hidden files). Creates the notebook when DIR does not exist
      or is an empty folder. Prints a line per file and a summary; a file that fails is listed
      with its reason and the others still import (exit 1 if any failed). Ctrl+C stops after
      the current file, keeping what was imported (exit 130).
      A bundle is merged by id: new objects are added, identical ones skipped. An object the
      notebook already has in another version is a conflict: the bundle is refused, listing
      them, unless --prefer says which version to keep for all of them (mine: the notebook's,
      theirs: the bundle's).
  info --notebook DIR [--json]
      Name, counts and an integrity check (source files, excerpt quotes, references).
      Exits 1 when the check finds problems.
  export NOTEBOOK --format FORMAT [--out FILE]
      The notebook in folder NOTEBOOK (or --notebook DIR) in one of these formats
      (docs/format.md), to standard output or FILE:
${Object.entries(EXPORT_FORMATS)
  .map(([name, f]) => `        ${name.padEnd(16)}${f.label}`)
  .join('\n')}
      Without --format: bundle ("json" is another name for it). Only the bundle
      carries what is in the trash.
  search NOTEBOOK WORDS... [--kind KIND]... [--json]
      What in the notebook in folder NOTEBOOK (or --notebook DIR) matches every one of WORDS,
      by prefix and with typos, as the app's search: source text, sources, excerpts, claims,
      entities, propositions, questions, hypotheses, the notebook note, grouped by kind.
      --kind keeps one kind (passage, source, excerpt, claim, entity, proposition, question,
      hypothesis, notebook; repeat it for several). Exits 1 when nothing matches.
  suggest FILE [--format text|json] [--notebook DIR]
      The claims FILE attributes to someone (claimant, reporting verb, stance asserts or
      denies, the proposition, the exact excerpt with its start and end in code points) and
      the entities it names, as the app suggests them (docs/suggest.md). FILE is read as
      import reads it (.txt, .md, .html, .mhtml, .pdf, .docx). With --notebook, names are
      matched to that notebook's entities (opened read-only). Writes nothing.

Options:
  -n, --notebook DIR   the notebook folder
      --json           machine-readable output
      --prefer WHICH   import: keep "mine" or take "theirs" where a bundle conflicts
      --format FORMAT  export format (see export); suggest: text (default) or json
      --kind KIND      search: only hits of this kind (repeatable)
  -o, --out FILE       write the export to FILE instead of standard output
  -h, --help           show this help
`;

/** Older names of formats, still accepted: the bundle was once the only export, called json. */
const FORMAT_ALIASES: Record<string, ExportFormat> = { json: 'bundle' };

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
class UsageError extends Error {}

const OPTIONS = {
  notebook: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
  prefer: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  kind: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  import: ['notebook', 'json', 'prefer'],
  info: ['notebook', 'json'],
  export: ['notebook', 'format', 'out'],
  search: ['notebook', 'kind', 'json'],
  suggest: ['notebook', 'format'],
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
    // suggest reads a FILE; a notebook is optional, only to match its entities.
    if (command === 'suggest') {
      const [file, extra] = rest;
      if (file === undefined || file === '') throw new UsageError('suggest needs a FILE to read');
      if (extra !== undefined) throw new UsageError(`suggest takes one FILE (got also "${extra}")`);
      const format = values.format ?? 'text';
      if (!SUGGEST_FORMATS.includes(format as SuggestFormat)) throw new UsageError(`suggest --format takes ${SUGGEST_FORMATS.join(' or ')}, not "${format}"`);
      const notebook = values.notebook === undefined ? undefined : resolve(cwd, values.notebook);
      return await suggestCommand(resolve(cwd, file), file, { format: format as SuggestFormat, ...(notebook ? { notebook } : {}) }, io);
    }
    // export and search also take the notebook folder as their first argument.
    const takesFolder = command === 'export' || command === 'search';
    const notebookArg = values.notebook ?? (takesFolder ? rest.shift() : undefined);
    if (notebookArg === undefined || notebookArg === '') throw new UsageError(takesFolder ? `${command} needs a NOTEBOOK folder` : `${command} needs --notebook DIR`);
    const dir = resolve(cwd, notebookArg);

    switch (command) {
      case 'import':
        if (rest.length === 0) throw new UsageError('import needs at least one PATH (a file or folder)');
        if (values.prefer !== undefined && values.prefer !== 'mine' && values.prefer !== 'theirs') {
          throw new UsageError(`--prefer takes "mine" or "theirs", not "${values.prefer}"`);
        }
        return await importCommand(dir, rest, cwd, values.json ?? false, io, values.prefer);
      case 'info':
        if (rest.length) throw new UsageError(`info takes no file arguments (got "${rest[0]}")`);
        return await infoCommand(dir, values.json ?? false, io);
      case 'export': {
        if (rest.length) throw new UsageError(`export takes one NOTEBOOK folder (got also "${rest[0]}")`);
        const name = values.format ?? 'bundle';
        const format = Object.hasOwn(FORMAT_ALIASES, name) ? FORMAT_ALIASES[name]! : ExportFormat.safeParse(name).data;
        if (format === undefined) throw new UsageError(`unknown export format "${name}"; supported: ${Object.keys(EXPORT_FORMATS).join(', ')}`);
        return await exportCommand(dir, format, values.out === undefined ? undefined : resolve(cwd, values.out), io);
      }
      case 'search': {
        if (!rest.length) throw new UsageError('search needs the WORDS to look for');
        let kinds;
        try {
          kinds = parseKinds(values.kind ?? []);
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
        return await searchCommand(dir, rest, kinds, values.json ?? false, io);
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

/** One file to import, or a path that failed before any file could be read from it. */
type Entry = { name: string; path: string } | { name: string; error: NotebookError };

type FileResult =
  | { file: string; result: 'added'; sourceId: Id; title: string; pages?: number; notice?: string }
  | { file: string; result: 'duplicate'; sourceId: Id; title: string; duplicateOf: Id }
  | { file: string; result: 'bundle'; added: KindCounts; skipped: KindCounts; conflicts?: { kept: number; taken: number } }
  | { file: string; result: 'failed'; error: { code: string; message: string } };

interface Summary {
  sources: number;
  duplicates: number;
  bundles: number;
  failed: number;
  /** Files not tried because the import was interrupted (Ctrl+C). */
  notTried: number;
  interrupted: boolean;
}

/** An error that is about the notebook, not the file being imported: it stops the whole import. */
class NotebookFailure extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** Exit code of a command stopped by Ctrl+C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

async function importCommand(dir: string, paths: string[], cwd: string, json: boolean, io: CliIo, prefer?: Resolution): Promise<number> {
  const entries = paths.flatMap((name) => listPath(name, resolve(cwd, name), dir));
  const isNew = folderIsNewNotebook(dir);
  // An existing notebook is read first, so a damaged one is reported before any file is read. It
  // is opened for writing (which takes the lock and backs up its snapshot), or made, only when the
  // first file is good: a run where every file fails leaves the folder exactly as it was.
  const reader = isNew ? null : await openStore(dir, { readOnly: true });
  let store: Store | null = null;
  const opened = async (): Promise<Store> => {
    if (store) return store;
    try {
      store = await openStore(dir, { create: isNew });
    } catch (e) {
      throw new NotebookFailure(e);
    }
    if (isNew && !json) io.stdout(`Created notebook "${store.notebook.name}" in ${store.dir}\n`);
    return store;
  };

  // Ctrl+C once: finish the file being read, keep what was imported, report. Twice: stop that file too.
  const stopAfterFile = new AbortController();
  let stopNow = new AbortController();
  const onSigint = () => {
    if (!stopAfterFile.signal.aborted) {
      stopAfterFile.abort();
      io.stderr('\ncorroborate: stopping after the current file (Ctrl+C again to stop it too)\n');
    } else {
      stopNow.abort();
    }
  };
  const onAbort = () => stopAfterFile.abort();
  io.signal?.addEventListener('abort', onAbort);
  process.on('SIGINT', onSigint);

  const results: FileResult[] = [];
  const total = entries.length;
  try {
    for (const [index, entry] of entries.entries()) {
      if (stopAfterFile.signal.aborted) break;
      const counter = `[${index + 1}/${total}]`;
      if (io.stderrIsTTY) io.stderr(`\r\x1b[K${counter} reading ${entry.name}…`);
      stopNow = new AbortController();
      // Until the notebook is open for writing, a bundle is checked against it as read (or, for a new one, as empty).
      const result = await importEntry(entry, opened, store ? null : (reader ?? 'empty'), stopNow.signal, prefer);
      if (io.stderrIsTTY) io.stderr('\r\x1b[K');
      results.push(result);
      if (!json) io.stdout(`${counter} ${describeResult(result)}\n`);
    }
  } catch (e) {
    if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    throw e instanceof NotebookFailure ? e.reason : e;
  } finally {
    process.off('SIGINT', onSigint);
    io.signal?.removeEventListener('abort', onAbort);
    await reader?.close();
    if (store) await (store as Store).close();
  }

  const summary: Summary = {
    sources: results.filter((r) => r.result === 'added').length,
    duplicates: results.filter((r) => r.result === 'duplicate').length,
    bundles: results.filter((r) => r.result === 'bundle').length,
    failed: results.filter((r) => r.result === 'failed').length,
    notTried: total - results.length,
    interrupted: stopAfterFile.signal.aborted,
  };
  if (json) io.stdout(`${JSON.stringify({ notebook: dir, created: isNew && store !== null, files: results, summary }, null, 2)}\n`);
  else io.stdout(`${describeSummary(summary)}\n`);
  // The failures again, where scripts and people look for errors, so none is lost in a long list.
  for (const r of results) if (r.result === 'failed') io.stderr(`corroborate: ${r.error.message}\n`);
  return summary.interrupted ? EXIT_INTERRUPTED : summary.failed > 0 ? 1 : 0;
}

/**
 * The files a PATH names: itself, or for a folder every file in it and its subfolders that
 * Corroborate imports, in name order, hidden files and folders left out. Bundles (.json) are only
 * imported when named, never picked up from a folder.
 */
function listPath(name: string, path: string, notebookDir: string): Entry[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    return [{ name, error: fsError(e, name) }];
  }
  if (!stat.isDirectory()) return [{ name, path }];
  const entries: Entry[] = [];
  const walk = (folder: string, display: string) => {
    let children;
    try {
      children = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      entries.push({ name: display, error: fsError(e, display) });
      return;
    }
    for (const child of children.sort((a, b) => NATURAL.compare(a.name, b.name))) {
      if (child.name.startsWith('.')) continue;
      const childPath = join(folder, child.name);
      const childName = join(display, child.name);
      let isDirectory = child.isDirectory();
      let isFile = child.isFile();
      if (child.isSymbolicLink()) {
        // Linked files are followed; linked folders are not, so a link cannot make the walk endless.
        const target = attempt(() => statSync(childPath));
        isFile = target?.isFile() ?? false;
        isDirectory = false;
      }
      if (isDirectory && childPath !== notebookDir) walk(childPath, childName);
      else if (isFile && isImportable(child.name)) entries.push({ name: childName, path: childPath });
    }
  };
  walk(path, name);
  if (entries.length === 0) {
    return [{ name, error: new NotebookError('invalid', `${name} is a folder with no file Corroborate can import (.txt, .md, .html, .mhtml, .pdf, .docx)`) }];
  }
  return entries;
}

/** Imports one file; its failure is its result. Only a failure of the notebook itself is thrown (as NotebookFailure). */
async function importEntry(entry: Entry, opened: () => Promise<Store>, precheck: Precheck, signal: AbortSignal, prefer?: Resolution): Promise<FileResult> {
  const failed = (e: unknown): FileResult => {
    if (e instanceof NotebookFailure || !isNotebookError(e)) throw e instanceof NotebookFailure ? e : new NotebookFailure(e);
    // Readers name the file as they were given it, some by its base name only: the path as listed is what tells files apart here.
    const base = basename(entry.name);
    const message = e.message.startsWith(entry.name)
      ? e.message
      : e.message.startsWith(base) && /^[\s:]/.test(e.message.slice(base.length))
        ? entry.name + e.message.slice(base.length)
        : `${entry.name}: ${e.message}`;
    return { file: entry.name, result: 'failed', error: { code: e.code, message } };
  };
  if ('error' in entry) return failed(entry.error);
  const { name, path } = entry;
  try {
    const bytes = readBounded(name, path, DEFAULT_LIMITS.maxBytes);
    if (extname(name).toLowerCase() === '.json') return await importBundleFile(name, bytes, opened, precheck, prefer);
    const file = await readFileSource(name, bytes, { signal });
    const store = await opened();
    const prepared = prepareReadFile(store.notebook, file);
    writeToNotebook(() => storeAndApply(store, prepared));
    const { id, title, content } = prepared.source;
    if (prepared.duplicateOf) return { file: name, result: 'duplicate', sourceId: id, title, duplicateOf: prepared.duplicateOf.id };
    return {
      file: name,
      result: 'added',
      sourceId: id,
      title,
      ...(content.pageStarts ? { pages: content.pageStarts.length } : {}),
      ...(content.notice ? { notice: content.notice } : {}),
    };
  } catch (e) {
    return failed(e);
  }
}

/** What a bundle is checked against before the notebook is opened for writing; null once it is. */
type Precheck = Store | 'empty' | null;

/** A bad bundle is refused by the precheck, before anything is opened for writing. */
async function importBundleFile(name: string, bytes: Uint8Array, opened: () => Promise<Store>, precheck: Precheck, prefer?: Resolution): Promise<FileResult> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new NotebookError('invalid', `${name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (precheck) {
    const reader = precheck === 'empty' ? null : precheck;
    const scratch = reader ? structuredClone(reader.notebook) : emptyNotebook(newId(), '', now());
    const plan = withPreferHint(() =>
      planBundleImport(scratch, bundle, {
        textOf: (sha) => (reader ? attempt(() => reader.readText(sha)) : undefined),
        hasFile: (sha) => (reader ? attempt(() => reader.readFile(sha)) !== undefined : false),
        ...(prefer ? { prefer } : {}),
      }),
    );
    if (plan.op) tryMerge(scratch, plan.op);
  }
  const store = await opened();
  const { added, skipped, kept, taken } = writeToNotebook(() => withPreferHint(() => importBundle(store, bundle, prefer ? { prefer } : {})));
  return { file: name, result: 'bundle', added, skipped, ...(kept + taken > 0 ? { conflicts: { kept, taken } } : {}) };
}

/** A bundle that conflicts says how to import it anyway. */
function withPreferHint<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UnresolvedConflicts) {
      throw new NotebookError(e.code, `${e.message.replace(/; choose which version to keep .*$/, '')}; nothing was imported (--prefer mine keeps this notebook's versions, --prefer theirs takes the bundle's)`);
    }
    throw e;
  }
}

/** Runs a write; the disk or the lock saying no is the notebook's failure, not the file's. */
function writeToNotebook<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isNotebookError(e) && (e.code === 'io' || e.code === 'read-only' || e.code === 'locked')) throw new NotebookFailure(e);
    throw e;
  }
}

/**
 * The file's bytes, its size checked before they are read: a file over the limit is refused
 * without reading it. A file listed a moment ago and gone now is said to have disappeared.
 */
function readBounded(name: string, path: string, maxBytes: number): Uint8Array {
  const gone = (e: unknown) =>
    (e as NodeJS.ErrnoException).code === 'ENOENT' ? new NotebookError('not-found', `${name} disappeared before it could be read`) : fsError(e, name);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new NotebookError('invalid', `${name} is a folder, not a file`);
    size = stat.size;
  } catch (e) {
    throw gone(e);
  }
  if (size > maxBytes) throw new NotebookError('invalid', tooLargeMessage(name, size, maxBytes));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw gone(e);
  }
  try {
    // Sized by the file as it is now; one that grew past the limit since is refused all the same.
    let bytes = new Uint8Array(Math.min(fstatSync(fd).size, maxBytes + 1));
    let filled = 0;
    for (;;) {
      if (filled === bytes.length) {
        if (bytes.length > maxBytes) throw new NotebookError('invalid', tooLargeMessage(name, bytes.length, maxBytes));
        const bigger = new Uint8Array(Math.min(Math.max(bytes.length * 2, 64 * 1024), maxBytes + 1));
        bigger.set(bytes);
        bytes = bigger;
      }
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return filled === bytes.length ? bytes : bytes.slice(0, filled);
  } catch (e) {
    throw fsError(e, name);
  } finally {
    closeSync(fd);
  }
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

const KIND_PLURALS: Record<Kind, string> = COLLECTION;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeResult(r: FileResult): string {
  switch (r.result) {
    case 'added': {
      const pages = r.pages !== undefined ? ` (${plural(r.pages, 'page', 'pages')})` : '';
      return `${r.file}: added source "${r.title}"${pages}${r.notice ? `; note: ${r.notice}` : ''}`;
    }
    case 'duplicate':
      return `${r.file}: same text as existing source "${r.title}"`;
    case 'bundle': {
      const list = (c: KindCounts) =>
        KINDS.filter((k) => c[k] > 0)
          .map((k) => `${c[k]} ${c[k] === 1 ? k : KIND_PLURALS[k]}`)
          .join(', ');
      const skipped = KINDS.reduce((n, k) => n + r.skipped[k], 0);
      const added = list(r.added);
      const conflicts = r.conflicts
        ? `; of ${plural(r.conflicts.kept + r.conflicts.taken, 'object', 'objects')} in another version, kept ${r.conflicts.kept} as in the notebook and took ${r.conflicts.taken} from the bundle`
        : '';
      return `${r.file}: ${added ? `added ${added}` : 'nothing new'}${skipped ? `; skipped ${skipped} already in the notebook` : ''}${conflicts}`;
    }
    case 'failed':
      return `${r.file}: FAILED: ${r.error.message}`;
  }
}

/** "Imported 198 sources, 1 already in the notebook, 1 failed." */
function describeSummary(s: Summary): string {
  const imported = s.bundles ? `${plural(s.sources, 'source', 'sources')} and ${plural(s.bundles, 'bundle', 'bundles')}` : plural(s.sources, 'source', 'sources');
  const line = `Imported ${imported}, ${s.duplicates} already in the notebook, ${s.failed} failed.`;
  return s.interrupted ? `${line} Stopped by Ctrl+C: ${plural(s.notTried, 'file', 'files')} not tried.` : line;
}

function fsError(e: unknown, name: string): NotebookError {
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
        counts: {
          sources: c.sources,
          excerpts: c.excerpts,
          claims: c.claims,
          links: c.links,
          entities: c.entities,
          propositions: c.propositions,
          questions: c.questions,
          hypotheses: c.hypotheses,
          inTrash: c.trashed,
        },
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
        `propositions: ${c.propositions}`,
        `questions: ${c.questions}`,
        `hypotheses: ${c.hypotheses}`,
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

  /** A soft reference (a mention, an evidence row) may point into the trash; it must still point at something. */
  const ref = (owner: { id: Id; deletedAt?: string }, ownerKind: Kind, field: string, kind: Kind, id: Id | undefined, soft = false) => {
    if (id === undefined) return;
    const target = find(nb, kind, id);
    if (!target) problems.push(`${ownerKind} ${owner.id}: ${field} ${id} names no ${kind}`);
    else if (target.deletedAt && !owner.deletedAt && !soft) problems.push(`${ownerKind} ${owner.id}: ${field} ${id} is in the trash`);
  };

  for (const s of Object.values(nb.sources)) ref(s, 'source', 'parentSourceId', 'source', s.parentSourceId);
  for (const e of Object.values(nb.excerpts)) {
    ref(e, 'excerpt', 'sourceId', 'source', e.sourceId);
    e.mentions.forEach((id, i) => ref(e, 'excerpt', `mentions[${i}]`, 'entity', id, true));
    const text = texts.get(e.sourceId);
    if (text === undefined) continue; // the source or its text is missing: reported above
    const { start, end } = e.selectors.position;
    if (sliceCodePoints(text, start, end) !== e.selectors.quote.exact || end > codePointLength(text)) {
      problems.push(`excerpt ${e.id}: its quote is not its source's text at ${start}–${end}`);
    }
  }
  for (const c of Object.values(nb.claims)) {
    ref(c, 'claim', 'claimantId', 'entity', c.claimantId);
    ref(c, 'claim', 'propositionId', 'proposition', c.propositionId);
    c.attribution.forEach((step, i) => {
      ref(c, 'claim', `attribution[${i}].entityId`, 'entity', step.entityId);
      ref(c, 'claim', `attribution[${i}].excerptId`, 'excerpt', step.excerptId);
    });
  }
  for (const l of Object.values(nb.links)) {
    ref(l, 'link', 'fromId', l.fromKind, l.fromId);
    ref(l, 'link', 'toId', l.toKind, l.toId);
  }
  for (const q of Object.values(nb.questions)) q.evidence.forEach((row, i) => ref(q, 'question', `evidence[${i}].id`, row.kind, row.id, true));
  for (const h of Object.values(nb.hypotheses)) ref(h, 'hypothesis', 'questionId', 'question', h.questionId);
  return problems;
}

// ── export ─────────────────────────────────────────────────────────────────────────────────────

async function exportCommand(dir: string, format: ExportFormat, out: string | undefined, io: CliIo): Promise<number> {
  const store = await openStore(dir, { readOnly: true });
  let text: string;
  const name = store.notebook.name;
  try {
    const files = {
      text: (sha: string) => store.readText(sha),
      originalBase64: (sha: string) => Buffer.from(store.readFile(sha)).toString('base64'),
    };
    text = exportNotebook(format, { notebook: store.notebook, files, exportedAt: now() }).text;
  } finally {
    await store.close();
  }
  if (out === undefined) {
    io.stdout(text);
  } else {
    writeAtomically(out, text);
    io.stdout(`Exported notebook "${name}" as ${EXPORT_FORMATS[format].label} to ${out}\n`);
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
