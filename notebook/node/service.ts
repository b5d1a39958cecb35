// The handlers behind every API method (notebook/common/api.ts), over one open notebook store.
// Both transports (Electron IPC, HTTP) serve these. Never leaves the analyst without a notebook:
// opening another one that fails keeps the current one open.
import { Buffer } from 'node:buffer';
import { join, resolve } from 'node:path';
import { describe as describeRange } from '../common/anchoring.js';
import type { AnnotationImport, CslImport, Handlers, HostInfo, Mention, Mentions, MergeResult, NotebookView, SourceAdded } from '../common/api.js';
import type { BundleFiles } from '../common/bundle.js';
import { planCslImport } from '../common/export/csl-import.js';
import { exportNotebook } from '../common/export/index.js';
import { planAnnotationImport } from '../common/export/web-annotation-import.js';
import { isNotebookError, NotebookError } from '../common/errors.js';
import { now } from '../common/ids.js';
import { find, type Id, type Source } from '../common/model.js';
import { liveSources } from '../common/queries.js';
import { matchSuggestions } from '../common/suggest/accept.js';
import { CodePointIndex } from '../common/text.js';
import { prepareFileSource, prepareTextSource, storeAndApply, type PreparedSource } from './add-source.js';
import { importBundle, planMerge } from './bundle-import.js';
import { IMPORT_EXTENSIONS, tooLargeMessage } from './import/extract.js';
import { DEFAULT_LIMITS } from './import/types.js';
import { RecentNotebooks } from './recent.js';
import { createSearchHost } from './search/search-host.js';
import { createSuggestHost } from './suggest/suggest-host.js';
import { openStore, type Store } from './store.js';

export interface ServiceOptions {
  notebookDir: string;
  create?: boolean;
  host: HostInfo;
  /** A native folder dialog (Electron); without it chooseNotebookFolder answers null. */
  chooseNotebookFolder?: (create: boolean) => Promise<string | null>;
  /** Prints an HTML document to PDF bytes (Electron); without it exportPdf is refused. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  /**
   * Where the host remembers things between launches (recent-notebooks.json, see recent.ts):
   * every notebook opened goes on its recent list. Without it nothing is remembered and
   * recentNotebooks answers an empty list (tests, the CLI).
   */
  configDir?: string;
}

export interface Service {
  readonly handlers: Handlers;
  /** The notebook open now; openNotebook replaces it. */
  readonly store: Store;
  close(): Promise<void>;
}

interface Opened {
  store: Store;
  /** Why the notebook is read-only, when it is. */
  readOnly: string | null;
}

/**
 * Opens `dir` for writing; when the folder cannot be written (a read-only disk or share, missing
 * permissions) opens it for reading instead and keeps the reason, so the UI can say why.
 */
async function open(dir: string, create: boolean): Promise<Opened> {
  try {
    const store = await openStore(dir, { create });
    return { store, readOnly: store.readOnly };
  } catch (e) {
    if (!isNotebookError(e) || e.code !== 'read-only') throw e;
    let store: Store;
    try {
      store = await openStore(dir, { readOnly: true });
    } catch (second) {
      // The folder cannot be read either: the first reason explains it, unless the second names damage.
      throw isNotebookError(second) && second.code !== 'read-only' ? second : e;
    }
    return { store, readOnly: e.message };
  }
}

/** When nothing asks for the notebook (a command line), the search index starts building after this long. */
const SEARCH_START_MS = 3_000;

export async function createService(options: ServiceOptions): Promise<Service> {
  let current = await open(resolve(options.notebookDir), options.create ?? false);
  // The search index starts (restored from its cache file, or built) once the notebook has been
  // answered (getNotebook, openNotebook), or at the first search, or after SEARCH_START_MS: at 100k
  // excerpts its work would otherwise hold up the first answer on this thread.
  let searcher = createSearchHost(current.store, { startLater: SEARCH_START_MS });
  /** After the answer that carries the whole notebook has been made and sent on. */
  const startSearchSoon = () => {
    const now = searcher;
    setTimeout(() => now.startNow(), 0);
  };
  // Suggestions are read in a worker of their own, started on the first request.
  const suggester = createSuggestHost();

  const recent = options.configDir ? new RecentNotebooks(options.configDir) : null;
  // A list that cannot be written costs the analyst a shortcut, never the notebook they opened.
  const keepRecent = (run: (list: RecentNotebooks) => void) => {
    try {
      if (recent) run(recent);
    } catch {
      // Said nowhere: File ▸ Open recent simply lacks the entry.
    }
  };
  keepRecent((list) => list.record(current.store.dir, current.store.notebook.name));

  const view = (): NotebookView => {
    const { store } = current;
    return {
      info: { path: store.dir, id: store.notebook.id, name: store.notebook.name, readOnly: current.readOnly, notice: store.notice },
      notebook: store.notebook,
      seq: store.seq,
      canUndo: store.canUndo,
      canRedo: store.canRedo,
    };
  };

  const writable = (): Store => {
    if (current.readOnly) throw new NotebookError('read-only', `this notebook is open read-only: ${current.readOnly}`);
    return current.store;
  };

  /** Adds a prepared source; for text a live source already has, answers with that source and changes nothing. */
  const add = (prepared: PreparedSource): SourceAdded => {
    const store = writable();
    const applied = storeAndApply(store, prepared);
    if (applied) return { ...applied, source: prepared.source, duplicateOf: null };
    // Nothing was journaled: an empty batch is the exact description of that, and a client that
    // applies it to its copy changes nothing either.
    return { seq: store.seq, op: { type: 'batch', label: 'already in the notebook', ops: [] }, canUndo: store.canUndo, canRedo: store.canRedo, source: prepared.source, duplicateOf: prepared.source.id };
  };

  const handlers: Handlers = {
    hostInfo: () => options.host,
    getNotebook: () => {
      startSearchSoon();
      return view();
    },
    openNotebook: async ({ path, create }) => {
      const dir = resolve(path);
      if (dir === current.store.dir) return view();
      const next = await open(dir, create);
      const previous = current;
      const previousSearcher = searcher;
      current = next;
      searcher = createSearchHost(next.store, { startLater: SEARCH_START_MS });
      startSearchSoon();
      keepRecent((list) => {
        list.rename(previous.store.dir, previous.store.notebook.name);
        list.record(next.store.dir, next.store.notebook.name);
      });
      try {
        await previousSearcher.close();
        await previous.store.close();
      } catch {
        // Its journal is already durable: a failed compaction on close only means the next open
        // replays a longer journal. The analyst asked for the new notebook, and has it.
      }
      return view();
    },
    chooseNotebookFolder: async ({ create }) => (options.chooseNotebookFolder ? await options.chooseNotebookFolder(create) : null),
    apply: ({ op }) => writable().apply(op),
    undo: () => writable().undo(),
    redo: () => writable().redo(),
    sourceText: ({ sourceId }) => {
      const source = find(current.store.notebook, 'source', sourceId);
      if (!source) throw new NotebookError('not-found', `no source with id ${sourceId}`);
      return { text: current.store.readText(source.content.textSha256) };
    },
    addTextSource: (input) => add(prepareTextSource(writable().notebook, input)),
    importFile: async ({ filename, dataBase64 }) => {
      writable(); // a read-only notebook says so before the file is read
      const { maxBytes } = DEFAULT_LIMITS;
      const size = Math.floor((dataBase64.length * 3) / 4) - (dataBase64.endsWith('==') ? 2 : dataBase64.endsWith('=') ? 1 : 0);
      if (size > maxBytes) throw new NotebookError('invalid', tooLargeMessage(filename, size, maxBytes));
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) throw new NotebookError('invalid', `${filename}: the file data is not base64`);
      const bytes = Buffer.from(dataBase64, 'base64');
      // Read in the sandbox; the notebook may have changed meanwhile, so duplicates are judged after.
      return add(await prepareFileSource(() => writable().notebook, filename, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    },
    sourceFile: ({ sha256 }) => {
      const store = current.store;
      const source = Object.values(store.notebook.sources).find((s) => !s.deletedAt && s.content.originalSha256 === sha256);
      if (!source) throw new NotebookError('not-found', `no source in this notebook has an original with sha256 ${sha256}`);
      return {
        dataBase64: Buffer.from(store.readFile(sha256)).toString('base64'),
        mediaType: source.content.mediaType,
        filename: source.content.filename ?? null,
      };
    },
    importFormats: () => ({ extensions: [...IMPORT_EXTENSIONS], maxBytes: DEFAULT_LIMITS.maxBytes }),
    exportNotebook: ({ format }) => {
      const store = current.store;
      return exportNotebook(format, { notebook: store.notebook, files: storeFiles(store), exportedAt: now() });
    },
    exportPdf: async () => {
      if (!options.printToPdf) {
        throw new NotebookError('invalid', 'this host cannot make PDFs: export the printable report (HTML) and print it to PDF from the browser');
      }
      const store = current.store;
      const report = exportNotebook('html', { notebook: store.notebook, files: storeFiles(store), exportedAt: now() });
      const pdf = await options.printToPdf(report.text);
      return { filename: report.filename.replace(/\.html$/, '.pdf'), dataBase64: Buffer.from(pdf).toString('base64') };
    },
    // Planning changes nothing, but a merge could not follow it: a read-only notebook says so first.
    planMerge: ({ json }) => planMerge(writable(), parseJson(json, 'the bundle')),
    mergeBundle: ({ json, resolutions }): MergeResult => {
      const store = writable();
      const { added, skipped, conflicts, applied } = importBundle(store, parseJson(json, 'the bundle'), { resolutions });
      return { added, skipped, conflicts, applied };
    },
    importAnnotations: ({ json, sourceId }): AnnotationImport => {
      const store = writable();
      const notebook = store.notebook;
      if (sourceId !== undefined && (!notebook.sources[sourceId] || notebook.sources[sourceId].deletedAt)) {
        throw new NotebookError('not-found', `no live source with id ${sourceId} to put the annotations on`);
      }
      const textOf = (id: Id) => {
        const source = find(notebook, 'source', id);
        if (!source) throw new NotebookError('not-found', `no source with id ${id}`);
        return store.readText(source.content.textSha256);
      };
      const plan = planAnnotationImport(notebook, parseJson(json, 'the annotation file'), textOf, { ...(sourceId ? { sourceId } : {}), at: now() });
      const applied = plan.op ? store.apply(plan.op) : null;
      return { anchored: plan.anchored, fuzzy: plan.fuzzy, skipped: plan.skipped, orphaned: plan.orphaned, applied };
    },
    importCsl: ({ json }): CslImport => {
      const store = writable();
      const plan = planCslImport(store.notebook, parseJson(json, 'the CSL-JSON file'), now());
      const applied = plan.op ? store.apply(plan.op) : null;
      return { updated: plan.updated, unmatched: plan.unmatched, applied };
    },
    search: (query) => searcher.search(query),
    // Read off this thread; changes nothing. What was dismissed, and which entities are live, is
    // judged when the answer comes back: the notebook may have changed while the worker read.
    suggestions: async ({ sourceId }) => {
      const asked = liveSourceOf(current.store, sourceId);
      const known = Object.values(asked.store.notebook.entities).filter((e) => !e.deletedAt);
      const found = await suggester.suggest({ file: join(asked.store.dir, 'sources', asked.source.content.textSha256), textSha256: asked.source.content.textSha256, known });
      const after = liveSourceOf(current.store, sourceId);
      return matchSuggestions(after.store.notebook, after.source, found);
    },
    // The open notebook is listed under the name it has now, even if renamed since it was opened.
    recentNotebooks: () =>
      (recent?.list() ?? []).map((n) => (resolve(n.path) === current.store.dir ? { ...n, name: current.store.notebook.name, available: true } : n)),
    forgetRecentNotebook: ({ path }) => recent?.forget(path) ?? [],
    findMentions: ({ names, limit }) => {
      const store = current.store;
      const pattern = namePattern(names);
      const found: Mentions = { mentions: [], truncated: false };
      for (const source of liveSources(store.notebook)) {
        if (!findInText(store.readText(source.content.textSha256), source.id, pattern, limit, found)) break;
      }
      return found;
    },
  };

  return {
    handlers,
    get store() {
      return current.store;
    },
    close: async () => {
      keepRecent((list) => list.rename(current.store.dir, current.store.notebook.name));
      await searcher.close();
      await suggester.close();
      return current.store.close();
    },
  };
}

/** The live source with this id in the store's notebook; 'not-found' when there is none or it is in the trash. */
function liveSourceOf(store: Store, sourceId: Id): { store: Store; source: Source } {
  const source = find(store.notebook, 'source', sourceId);
  if (!source || source.deletedAt) throw new NotebookError('not-found', `no live source with id ${sourceId} in this notebook`);
  return { store, source };
}

/** The store's files as the export writers read them: texts, and originals as base64 (the bundle). */
function storeFiles(store: Store): BundleFiles {
  return {
    text: (sha) => store.readText(sha),
    originalBase64: (sha) => Buffer.from(store.readFile(sha)).toString('base64'),
  };
}

/** JSON text the analyst chose; text that is not JSON is refused with the parser's reason. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new NotebookError('invalid', `${what} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

// ── Mentions ───────────────────────────────────────────────────────────────────────────────────
// Where an entity's names occur in the sources. One combined RegExp per call, run once over each
// text, so a 1 MB source costs one pass whatever the number of names (not one scan per name).

/**
 * What continues a word. A name matches only where the code points on either side are none of
 * these: letters and digits (\p{L}\p{N}) in any script, so "Korea" is not found in "Koreans" or
 * "한국Korea", and combining marks (\p{M}), which belong to the letter before them: "Korea" followed
 * by U+0301 is another written word, and a match ending there would split a grapheme.
 */
const WORD = '[\\p{L}\\p{N}\\p{M}]';

interface NamePattern {
  /** Global, case-insensitive, Unicode; one capture group per name. */
  regex: RegExp;
  /** The name each group matches (group n is names[n - 1]), as the analyst wrote it. */
  names: string[];
}

/**
 * The RegExp matching any of names as a whole word, ignoring case (Unicode simple case folding).
 * Names are compared in NFC, as source texts are stored; a space in a name matches any run of
 * white space, so a name broken across a line in the text is still found. Names that differ only
 * in case or spacing count once (the first one given names the match). Longer names come first in
 * the alternation, so at any place the longest name that fits is the one matched.
 */
function namePattern(names: readonly string[]): NamePattern {
  const unique = new Map<string, { name: string; source: string }>();
  for (const name of names) {
    const normal = name.normalize('NFC').trim().replace(/\s+/g, ' ');
    const key = normal.toLowerCase();
    if (normal && !unique.has(key)) unique.set(key, { name, source: normal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/ /g, '\\s+') });
  }
  const ordered = [...unique.values()].sort((a, b) => b.source.length - a.source.length);
  const alternatives = ordered.map((n) => `(${n.source})`).join('|');
  return { regex: new RegExp(`(?<!${WORD})(?:${alternatives})(?!${WORD})`, 'giu'), names: ordered.map((n) => n.name) };
}

/**
 * Appends the mentions of pattern in text to found, in text order; false once found has `limit`
 * mentions and there is another (found.truncated is then set). Where two matches overlap ("Kim Yo"
 * and "Yo Jong" in "Kim Yo Jong"), the longer wins, and the earlier when they are as long.
 */
function findInText(text: string, sourceId: Id, pattern: NamePattern, limit: number, found: Mentions): boolean {
  const { regex, names } = pattern;
  let index: CodePointIndex | null = null; // built on the first match only: most sources mention no one
  let pending: { start: number; end: number; name: string } | null = null;
  const emit = (m: { start: number; end: number; name: string }): boolean => {
    if (found.mentions.length >= limit) {
      found.truncated = true;
      return false;
    }
    index ??= new CodePointIndex(text);
    const { position, quote } = describeRange(text, { start: index.toCodePoint(m.start), end: index.toCodePoint(m.end) }, index);
    const mention: Mention = { sourceId, name: m.name, start: position.start, end: position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
    found.mentions.push(mention);
    return true;
  };
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const candidate = { start: m.index, end: m.index + m[0].length, name: names[group - 1]! };
    if (pending && candidate.start < pending.end) {
      if (candidate.end - candidate.start > pending.end - pending.start) pending = candidate;
    } else {
      if (pending && !emit(pending)) return false;
      pending = candidate;
    }
    // Look again from the next character, not after the match: a longer name may begin inside it.
    regex.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
  }
  return pending === null || emit(pending);
}
