// The service's export and import handlers, called as the transports call them (dispatch): the
// notebook in an export format, a bundle planned and merged, W3C annotations and CSL-JSON imported,
// each import one undo step, and a read-only notebook refusing every change.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type AnnotationImport, type CslImport, type HostInfo, type MergePlan, type MergeResult, type NotebookView, type Outcome, type SourceAdded } from '../../../notebook/common/api.js';
import { Bundle, buildBundle } from '../../../notebook/common/bundle.js';
import type { ExportFile } from '../../../notebook/common/export/formats.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { createService, type Service } from '../../../notebook/node/service.js';
import { runningExample } from './export/running-example.js';

const host: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };
const temps: string[] = [];
const services: Service[] = [];

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) {
    chmodAll(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) chmodAll(join(dir, name));
}

async function service(name = 'nb'): Promise<Service> {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-service-exchange-'));
  temps.push(root);
  const s = await createService({ notebookDir: join(root, `${name}.corroborate`), create: true, host });
  services.push(s);
  return s;
}

async function call<T>(s: Service, name: string, input: unknown): Promise<T> {
  const outcome: Outcome = await dispatch(s.handlers, name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  return outcome.result as T;
}

async function failure(s: Service, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const outcome = await dispatch(s.handlers, name, input);
  if (outcome.ok) throw new Error(`${name} succeeded`);
  return outcome.error;
}

const example = runningExample();
const exampleJson = JSON.stringify(buildBundle(example.notebook, example.files, '2023-10-20T12:00:00.000Z'));

const WIRE = 'Seoul, Jan. 5 — Officials said thousands of containers were shipped by rail.\nPyongyang called it “the most absurd paradox”.\n';

async function wireReport(s: Service): Promise<SourceAdded> {
  return call<SourceAdded>(s, 'addTextSource', { title: 'Wire report', text: WIRE, publisher: 'Northwind Wire', url: 'https://wire.example/2024/01/05/arms' });
}

describe('exportNotebook', () => {
  it('writes the notebook in the chosen format, named after the notebook', async () => {
    const s = await service('Korea brief');
    await wireReport(s);
    const brief = await call<ExportFile>(s, 'exportNotebook', { format: 'markdown' });
    expect(brief.filename).toMatch(/^Korea brief.*\.md$/);
    expect(brief.mediaType).toBe('text/markdown; charset=utf-8');
    expect(brief.text).toContain('Wire report');

    const bundle = await call<ExportFile>(s, 'exportNotebook', { format: 'bundle' });
    const parsed = Bundle.parse(JSON.parse(bundle.text));
    expect(parsed.sources.map((x) => x.text)).toEqual([WIRE]);
    expect((await failure(s, 'exportNotebook', { format: 'pdf' })).code).toBe('invalid');
  });
});

describe('planMerge and mergeBundle', () => {
  it('plan what a bundle adds, merge it in one undo step, and find it all there the second time', async () => {
    const s = await service();
    const plan = await call<MergePlan>(s, 'planMerge', { json: exampleJson });
    expect(plan.added.claim).toBe(Object.keys(example.notebook.claims).length);
    expect(plan.conflicts).toEqual([]);
    // Planning changed nothing.
    expect(Object.keys((await call<NotebookView>(s, 'getNotebook', {})).notebook.claims)).toEqual([]);

    const merged = await call<MergeResult>(s, 'mergeBundle', { json: exampleJson });
    expect(merged.added).toEqual(plan.added);
    expect(merged.applied?.op.type).toBe('batch');
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.notebook.claims).toEqual(example.notebook.claims);

    const again = await call<MergePlan>(s, 'planMerge', { json: exampleJson });
    expect(again.added.claim).toBe(0);
    expect(again.skipped.claim).toBe(Object.keys(example.notebook.claims).length);

    await call(s, 'undo', {});
    expect((await call<NotebookView>(s, 'getNotebook', {})).notebook.claims).toEqual({});
  });

  it('lists a conflict, refuses a merge without a choice for it, and takes theirs when asked', async () => {
    const s = await service();
    await call(s, 'mergeBundle', { json: exampleJson });
    const claimId = example.ids.claims.containers;
    await call(s, 'apply', { op: { type: 'update', kind: 'claim', id: claimId, set: { statement: 'About 1,000 containers went north.', updatedAt: now() }, unset: [] } });

    const plan = await call<MergePlan>(s, 'planMerge', { json: exampleJson });
    expect(plan.conflicts.map((c) => [c.id, c.fields, c.label])).toEqual([[claimId, ['statement'], 'About 1,000 containers went north.']]);

    const refused = await failure(s, 'mergeBundle', { json: exampleJson });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain(`claim ${claimId}`);
    expect(refused.message).toContain('choose which version to keep');

    const merged = await call<MergeResult>(s, 'mergeBundle', { json: exampleJson, resolutions: { [claimId]: 'theirs' } });
    expect(merged.conflicts).toHaveLength(1);
    expect((await call<NotebookView>(s, 'getNotebook', {})).notebook.claims[claimId]).toEqual(example.notebook.claims[claimId]);
  });

  it('refuses text that is not JSON, or not a bundle, saying why', async () => {
    const s = await service();
    const notJson = await failure(s, 'planMerge', { json: '{"format": "corroborate-bundle",' });
    expect(notJson.code).toBe('invalid');
    expect(notJson.message).toMatch(/^the bundle is not valid JSON \(.+\)$/);
    expect((await failure(s, 'mergeBundle', { json: 'not json' })).message).toMatch(/^the bundle is not valid JSON/);
    expect((await failure(s, 'planMerge', { json: '[]' })).message).toMatch(/not a Corroborate bundle/);
    expect((await failure(s, 'mergeBundle', { json: exampleJson, resolutions: { x: 'mine' } })).code).toBe('invalid');
  });
});

describe('importAnnotations', () => {
  const annotations = (sourceUrl: string) =>
    JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            id: 'https://annotations.example/1',
            type: 'Annotation',
            body: { type: 'TextualBody', value: 'The key number.', purpose: 'commenting' },
            target: { source: sourceUrl, selector: [{ type: 'TextQuoteSelector', exact: 'thousands of containers' }] },
          },
          {
            id: 'https://annotations.example/2',
            type: 'Annotation',
            target: { source: sourceUrl, selector: { type: 'TextQuoteSelector', exact: 'a sentence that is not in the report' } },
          },
        ],
      },
    });

  it('anchors what it can onto the chosen source, lists the orphan with its quote, and undoes in one step', async () => {
    const s = await service();
    const { source } = await wireReport(s);
    const result = await call<AnnotationImport>(s, 'importAnnotations', { json: annotations('https://elsewhere.example/'), sourceId: source.id });
    expect(result.anchored).toBe(1);
    expect(result.orphaned).toEqual([expect.objectContaining({ ref: 'https://annotations.example/2', exact: 'a sentence that is not in the report' })]);
    const excerpts = Object.values((await call<NotebookView>(s, 'getNotebook', {})).notebook.excerpts);
    expect(excerpts.map((e) => [e.sourceId, e.selectors.quote.exact, e.note])).toEqual([[source.id, 'thousands of containers', 'The key number.']]);

    await call(s, 'undo', {});
    expect((await call<NotebookView>(s, 'getNotebook', {})).notebook.excerpts).toEqual({});
  });

  it('finds the source by the target’s URL when none is chosen, and refuses a source that is not there or not JSON', async () => {
    const s = await service();
    const { source } = await wireReport(s);
    const result = await call<AnnotationImport>(s, 'importAnnotations', { json: annotations(source.url) });
    expect(result.anchored).toBe(1);
    expect((await failure(s, 'importAnnotations', { json: annotations(source.url), sourceId: newId() })).code).toBe('not-found');
    expect((await failure(s, 'importAnnotations', { json: '<html>' })).message).toMatch(/^the annotation file is not valid JSON/);
  });
});

describe('importCsl', () => {
  it('updates the source a CSL item matches, lists the unmatched, and undoes in one step', async () => {
    const s = await service();
    const { source } = await wireReport(s);
    const csl = JSON.stringify([
      { id: 'wire', type: 'article-newspaper', title: 'North Korea arms shipments', URL: source.url, author: [{ family: 'Park', given: 'Min-ji' }], issued: { 'date-parts': [[2024, 1, 5]] } },
      { id: 'other', type: 'report', title: 'A report nobody imported' },
    ]);
    const result = await call<CslImport>(s, 'importCsl', { json: csl });
    expect(result.updated).toBe(1);
    expect(result.unmatched).toEqual([expect.stringContaining('A report nobody imported')]);
    const updated = (await call<NotebookView>(s, 'getNotebook', {})).notebook.sources[source.id]!;
    expect(updated.title).toBe('North Korea arms shipments');
    expect(updated.authors).toEqual(['Min-ji Park']);

    await call(s, 'undo', {});
    expect((await call<NotebookView>(s, 'getNotebook', {})).notebook.sources[source.id]?.title).toBe('Wire report');
    expect((await failure(s, 'importCsl', { json: '{' })).message).toMatch(/^the CSL-JSON file is not valid JSON/);
  });
});

describe('a read-only notebook', () => {
  it('exports, but refuses to plan a merge or import anything, with the read-only message', async () => {
    const root = mkdtempSync(join(tmpdir(), 'corroborate-service-exchange-'));
    temps.push(root);
    const dir = join(root, 'shared.corroborate');
    const writer = await createService({ notebookDir: dir, create: true, host });
    await wireReport(writer);
    await writer.close();
    chmodSync(dir, 0o555);
    const s = await createService({ notebookDir: dir, host });
    services.push(s);

    expect((await call<ExportFile>(s, 'exportNotebook', { format: 'markdown' })).text).toContain('Wire report');
    for (const [name, input] of [
      ['planMerge', { json: exampleJson }],
      ['mergeBundle', { json: exampleJson }],
      ['importAnnotations', { json: '[]' }],
      ['importCsl', { json: '[]' }],
    ] as const) {
      const refused = await failure(s, name, input);
      expect(refused.code, name).toBe('read-only');
      expect(refused.message, name).toMatch(/^this notebook is open read-only: /);
    }
  });
});

describe('exportPdf', () => {
  it('prints the printable report through the host and names the file .pdf; a host that cannot print says what to do instead', async () => {
    const plain = await service('Korea arms');
    const refused = await failure(plain, 'exportPdf', {});
    expect(refused.code).toBe('invalid');
    expect(refused.message).toMatch(/cannot make PDFs: export the printable report \(HTML\)/);

    const root = mkdtempSync(join(tmpdir(), 'corroborate-service-pdf-'));
    temps.push(root);
    const printed: string[] = [];
    const printing = await createService({
      notebookDir: join(root, 'Korea arms.corroborate'),
      create: true,
      host: { ...host, host: 'electron' },
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 stand-in');
      },
    });
    services.push(printing);
    const pdf = await call<{ filename: string; dataBase64: string }>(printing, 'exportPdf', {});
    expect(pdf.filename).toBe('Korea arms.pdf');
    expect(Buffer.from(pdf.dataBase64, 'base64').toString('utf8')).toBe('%PDF-1.7 stand-in');
    // What is printed is the report itself: scriptless, under its own strict CSP.
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(`content="default-src 'none'`);
    expect(printed[0]).not.toMatch(/<script/i);
  });
});
