// Child of the hostile-files trust program: imports each file of a manifest, one at a time, and
// reports each result as one JSON line on stdout. Mode "service": the real path, the built
// service's importFile (the import worker with its time and memory bounds) on a notebook in a temp
// folder. Mode "naive", the positive control: pdf.js and mammoth called directly in this process,
// with no worker, no bounds and their own error messages. Never writes anywhere but the notebook
// folder it is given.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.env.CORROBORATE_DIST ?? path.join(import.meta.dirname, '..', '..', '..', 'dist'));
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);

const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** Peak resident memory since the last reset, in MB (Linux /proc); null elsewhere. */
function peakMb() {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  } catch {
    return null;
  }
}
function resetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peak then counts from the start of the process
  }
}
const rssMb = () => process.memoryUsage.rss() / (1024 * 1024);

let importOne;
let finish = async () => {};
if (manifest.mode === 'service') {
  const { createService } = await load('notebook/node/service.js');
  const { dispatch } = await load('notebook/common/api.js');
  const service = await createService({ notebookDir: manifest.notebookDir, create: true, host: { host: 'browser', nativeDialogs: false, version: 'trust' } });
  importOne = async (name, bytes) => {
    const outcome = await dispatch(service.handlers, 'importFile', { filename: name, dataBase64: Buffer.from(bytes).toString('base64') });
    if (!outcome.ok) return { ok: false, code: outcome.error.code, message: outcome.error.message };
    const { source } = outcome.result;
    const text = await dispatch(service.handlers, 'sourceText', { sourceId: source.id });
    return { ok: true, source, text: text.ok ? text.result.text : '' };
  };
  finish = () => service.close();
} else {
  // What an importer without Corroborate's reader code would do: hand the bytes to pdf.js and
  // mammoth in its own thread, read every page and part, and pass their errors on as they come.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { default: mammoth } = await import('mammoth');
  const readPdf = async (bytes) => {
    const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => item.str ?? '').join(' '));
    }
    return { title: (await doc.getMetadata()).info?.Title ?? '', text: pages.join('\n\n') };
  };
  const readDocx = async (bytes) => ({ title: '', text: (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value });
  importOne = async (name, bytes) => {
    try {
      const read = await (name.endsWith('.pdf') ? readPdf(bytes) : readDocx(bytes));
      return { ok: true, source: read, text: read.text };
    } catch (e) {
      return { ok: false, code: 'invalid', message: e instanceof Error ? e.message : String(e) };
    }
  };
}

for (const [i, file] of manifest.files.entries()) {
  if (i < (manifest.skip ?? 0)) continue;
  const bytes = new Uint8Array(fs.readFileSync(file.path));
  resetPeak();
  const before = rssMb();
  say({ event: 'start', i, name: file.name });
  const started = performance.now();
  const result = await importOne(file.name, bytes);
  const ms = performance.now() - started;
  const line = { event: 'end', i, name: file.name, ms, rssBeforeMb: before, peakMb: peakMb(), ok: result.ok };
  if (result.ok) {
    const everything = JSON.stringify(result.source) + result.text;
    line.title = String(result.source.title ?? '').slice(0, 200);
    line.textLength = result.text.length;
    line.textHead = result.text.slice(0, 300);
    line.secretSeen = everything.includes(manifest.secret);
    line.textHas = file.text ? result.text.includes(file.text) : null;
  } else {
    line.code = result.code;
    line.message = result.message;
  }
  say(line);
}
await finish();
say({ event: 'done' });
