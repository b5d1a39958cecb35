// The W3C Web Annotation export: an AnnotationCollection of the running example whose annotations
// keep the MUST rules of the W3C model (the ones the conformance suite asserts), whose selectors
// agree with the source texts in code points, and which leaves the trash out.
import { describe, expect, it } from 'vitest';
import { absoluteUri, writeWebAnnotations } from '../../../../notebook/common/export/web-annotation.js';
import { emptyNotebook, type Notebook } from '../../../../notebook/common/model.js';
import { apply } from '../../../../notebook/common/operations.js';
import { sliceCodePoints } from '../../../../notebook/common/text.js';
import { EXPORTED_AT, runningExample, TRASHED, type RunningExample } from './running-example.js';

type Json = Record<string, unknown>;

const MOTIVATIONS = [
  'assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting',
  'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging',
];
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The MUSTs of the W3C Web Annotation Data Model (§3, §4) that an exporter can break, as the
 * conformance suite checks them: one string per broken rule.
 */
function annotationProblems(a: unknown): string[] {
  const problems: string[] = [];
  const must = (ok: boolean, rule: string) => {
    if (!ok) problems.push(rule);
  };
  if (!isObject(a)) return ['an annotation is an object'];
  must(typeof a.id === 'string' && IRI.test(a.id), 'id is one IRI');
  must(list(a.type).includes('Annotation'), 'type includes Annotation');
  must(list(a.target).length > 0, 'at least one target');
  for (const m of list(a.motivation)) must(MOTIVATIONS.includes(m as string), `motivation ${String(m)} is from the W3C list`);
  for (const key of ['created', 'modified']) if (key in a) must(typeof a[key] === 'string' && DATE_TIME.test(a[key] as string), `${key} is an xsd:dateTime`);
  for (const body of list(a.body)) {
    if (typeof body === 'string') {
      must(IRI.test(body), 'a body given as a string is an IRI');
      continue;
    }
    if (!isObject(body)) {
      problems.push('a body is an IRI or an object');
      continue;
    }
    if ('value' in body) {
      must(typeof body.value === 'string', 'a TextualBody value is a string');
      must(list(body.type).includes('TextualBody'), 'an embedded body has type TextualBody');
      must(!('id' in body) || !('purpose' in body), 'a body with an id (an external resource) has no purpose');
    } else {
      must(!('purpose' in body) || list(body.type).includes('SpecificResource'), 'an external resource body has no purpose');
    }
    for (const p of list(body.purpose)) must(MOTIVATIONS.includes(p as string), `purpose ${String(p)} is from the W3C list`);
  }
  for (const target of list(a.target)) {
    if (typeof target === 'string') {
      must(IRI.test(target), 'a target given as a string is an IRI');
      continue;
    }
    if (!isObject(target)) {
      problems.push('a target is an IRI or an object');
      continue;
    }
    must(typeof target.source === 'string' && IRI.test(target.source), 'a SpecificResource has one source IRI');
    for (const s of list(target.selector)) {
      if (!isObject(s)) {
        problems.push('a selector is an object');
        continue;
      }
      if (list(s.type).includes('TextQuoteSelector')) {
        must(typeof s.exact === 'string' && s.exact.length > 0, 'TextQuoteSelector has exact');
        for (const k of ['prefix', 'suffix']) if (k in s) must(typeof s[k] === 'string', `TextQuoteSelector ${k} is a string`);
      } else if (list(s.type).includes('TextPositionSelector')) {
        must(Number.isInteger(s.start) && (s.start as number) >= 0, 'TextPositionSelector start is a non-negative integer');
        must(Number.isInteger(s.end) && (s.end as number) >= 0, 'TextPositionSelector end is a non-negative integer');
      } else problems.push(`unexpected selector ${JSON.stringify(s.type)}`);
    }
    for (const state of list(target.state)) {
      if (!isObject(state)) continue;
      must(list(state.type).includes('TimeState'), 'state is a TimeState');
      must(typeof state.sourceDate === 'string' && DATE_TIME.test(state.sourceDate), 'TimeState sourceDate is an xsd:dateTime');
      must(typeof state.cached === 'string' && IRI.test(state.cached), 'TimeState cached is an IRI');
    }
  }
  return problems;
}

function exportOf(example: RunningExample): { file: ReturnType<typeof writeWebAnnotations>; collection: Json; items: Json[] } {
  const file = writeWebAnnotations({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });
  const collection = JSON.parse(file.text) as Json;
  const first = collection.first as Json;
  return { file, collection, items: first.items as Json[] };
}

const urn = (id: string) => `urn:uuid:${id}`;
const byId = (items: Json[], id: string) => items.find((a) => a.id === urn(id));
const selector = (a: Json, type: string) => ((a.target as Json).selector as Json[]).find((s) => s.type === type)!;

describe('W3C Web Annotation export of the running example', () => {
  const example = runningExample();
  const { file, collection, items } = exportOf(example);

  it('is one AnnotationCollection with its annotations on an embedded first page', () => {
    expect(file.mediaType).toBe('application/ld+json');
    expect(file.filename).toBe('Munitions to Russia.annotations.jsonld');
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.id).toBe(urn(example.notebook.id));
    expect(collection.label).toBe('Munitions to Russia');
    const first = collection.first as Json;
    expect(first.type).toBe('AnnotationPage');
    expect(typeof first.id === 'string' && IRI.test(first.id)).toBe(true);
    expect(first.startIndex).toBe(0);
    // 8 live excerpts and 10 live links; the trashed excerpts and the links from or to trashed objects are left out.
    expect(collection.total).toBe(18);
    expect(items).toHaveLength(18);
  });

  it('keeps every MUST of the W3C model in every annotation', () => {
    for (const a of items) expect(annotationProblems(a), String(a.id)).toEqual([]);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
  });

  it('finds broken annotations (the check above can fail)', () => {
    const good = byId(items, example.ids.excerpts.containers)!;
    expect(annotationProblems({ ...good, id: 'not an iri' })).toContain('id is one IRI');
    expect(annotationProblems({ ...good, motivation: 'noting' })).toContain('motivation noting is from the W3C list');
    expect(annotationProblems({ ...good, body: [{ id: 'urn:uuid:x', purpose: 'describing' }] })).toContain('an external resource body has no purpose');
    const target = good.target as Json;
    expect(annotationProblems({ ...good, target: { ...target, selector: [{ type: 'TextPositionSelector', start: -1, end: 3 }] } })).toContain(
      'TextPositionSelector start is a non-negative integer',
    );
  });

  it('gives each excerpt its quote and its position in code points on the source, which the text bears out', () => {
    const wire = example.notebook.sources[example.ids.wire]!;
    const text = example.files.text(wire.content.textSha256);
    const a = byId(items, example.ids.excerpts.containers)!;
    const target = a.target as Json;
    expect(target.source).toBe(wire.url);
    expect(target.state).toEqual({ type: 'TimeState', sourceDate: wire.createdAt, cached: urn(wire.id) });
    const quote = selector(a, 'TextQuoteSelector');
    const position = selector(a, 'TextPositionSelector');
    expect(quote.exact).toBe('citing Chloé Han of the defence ministry, said some 1,000 containers had been shipped');
    // The emoji before it is one code point but two UTF-16 units: the offsets count code points.
    const utf16Start = text.indexOf(quote.exact as string);
    expect(position.start).toBe(utf16Start - 1);
    for (const e of items.filter((x) => x.motivation !== 'linking')) {
      const t = e.target as Json;
      const source = Object.values(example.notebook.sources).find((s) => (s.url || urn(s.id)) === t.source)!;
      const full = example.files.text(source.content.textSha256);
      const q = selector(e, 'TextQuoteSelector');
      const p = selector(e, 'TextPositionSelector');
      expect(sliceCodePoints(full, p.start as number, p.end as number)).toBe(q.exact);
      expect(sliceCodePoints(full, 0, p.start as number).endsWith(q.prefix as string)).toBe(true);
      expect(sliceCodePoints(full, p.end as number, Infinity).startsWith(q.suffix as string)).toBe(true);
    }
  });

  it('writes notes as Markdown commenting bodies and tags as tagging bodies', () => {
    const containers = byId(items, example.ids.excerpts.containers)!;
    expect(containers.motivation).toBe('commenting');
    expect(containers.body).toEqual([
      { type: 'TextualBody', value: 'Second-hand: officials citing the ministry.', format: 'text/markdown', purpose: 'commenting' },
    ]);
    const accusation = byId(items, example.ids.excerpts.accusation)!;
    expect(accusation.motivation).toBe('highlighting');
    expect(accusation.body).toEqual([{ type: 'TextualBody', value: 'accusation', purpose: 'tagging' }]);
    expect(byId(items, example.ids.excerpts.shipped)!.body).toBeUndefined();
    const excerpt = example.notebook.excerpts[example.ids.excerpts.containers]!;
    expect(containers.created).toBe(excerpt.createdAt);
    expect(containers.modified).toBe(excerpt.updatedAt);
  });

  it('writes each evidence link as a linking annotation from the evidence to the claim', () => {
    const link = byId(items, example.ids.links.freightRefutes!)!;
    const claim = example.notebook.claims[example.ids.claims.denial]!;
    expect(link.motivation).toBe('linking');
    expect(link.target).toBe(urn(example.ids.excerpts.freight));
    expect(link.body).toEqual([
      urn(claim.id),
      { type: 'TextualBody', value: claim.statement, format: 'text/plain', purpose: 'describing' },
      { type: 'TextualBody', value: 'refutes', purpose: 'classifying' },
      { type: 'TextualBody', value: 'moderate evidence', purpose: 'assessing' },
      { type: 'TextualBody', value: 'The rail traffic is there.', format: 'text/markdown', purpose: 'commenting' },
    ]);
    // A claim → claim link targets the claim that is the evidence.
    const contradicts = byId(items, example.ids.links.buildUpContradicts!)!;
    expect(contradicts.target).toBe(urn(example.ids.claims.buildUp));
    expect((contradicts.body as unknown[])[0]).toBe(urn(example.ids.claims.containers));
    // Every excerpt a link targets is itself in the collection.
    const ids = new Set(items.map((a) => a.id));
    for (const l of items.filter((a) => a.motivation === 'linking')) {
      const from = (l.target as string).slice('urn:uuid:'.length);
      if (example.notebook.excerpts[from]) expect(ids.has(l.target)).toBe(true);
    }
  });

  it('leaves out what is in the trash, and what hangs from it', () => {
    expect(file.text).not.toContain(TRASHED.excerpt);
    expect(file.text).not.toContain(TRASHED.claim);
    expect(file.text).not.toContain(urn(example.ids.excerpts.trashedWire));
    expect(file.text).not.toContain(urn(example.ids.trashedSource));
    for (const id of ['trashedClaimLink', 'trashedSourceLink', 'trashedWireLink']) expect(byId(items, example.ids.links[id]!)).toBeUndefined();
  });
});

describe('W3C Web Annotation export of other notebooks', () => {
  it('names a source without a URL by its id, and an empty notebook gives an empty page', () => {
    const nb: Notebook = emptyNotebook('01890000-0000-7000-8000-00000000aaaa', '', '2024-01-01T00:00:00.000Z');
    const empty = JSON.parse(writeWebAnnotations({ notebook: nb, files: { text: () => '', originalBase64: () => '' }, exportedAt: EXPORTED_AT }).text) as Json;
    expect(empty.total).toBe(0);
    expect((empty.first as Json).items).toEqual([]);
    expect(typeof empty.label === 'string' && empty.label.length > 0).toBe(true);

    const at = '2024-01-01T00:00:00.000Z';
    const sourceId = '01890000-0000-7000-8000-00000000bbbb';
    apply(nb, {
      type: 'create',
      kind: 'source',
      object: { id: sourceId, createdAt: at, updatedAt: at, title: 'Pasted note', content: { textSha256: 'a'.repeat(64), originalSha256: 'a'.repeat(64), mediaType: 'text/plain', length: 11 } },
    });
    apply(nb, {
      type: 'create',
      kind: 'excerpt',
      object: { id: '01890000-0000-7000-8000-00000000cccc', createdAt: at, updatedAt: at, sourceId, selectors: { position: { start: 0, end: 5 }, quote: { exact: 'Hello' } } },
    });
    const one = JSON.parse(writeWebAnnotations({ notebook: nb, files: { text: () => 'Hello world', originalBase64: () => '' }, exportedAt: EXPORTED_AT }).text) as Json;
    const item = ((one.first as Json).items as Json[])[0]!;
    expect((item.target as Json).source).toBe(`urn:uuid:${sourceId}`);
    expect(annotationProblems(item)).toEqual([]);
  });

  it('writes a source URL as a URI, and names a source whose URL is not absolute by its id', () => {
    expect(absoluteUri('https://ko.wikipedia.org/wiki/서울 특별시')).toBe('https://ko.wikipedia.org/wiki/%EC%84%9C%EC%9A%B8%20%ED%8A%B9%EB%B3%84%EC%8B%9C');
    expect(absoluteUri(' https://example.org/a?b=1#c ')).toBe('https://example.org/a?b=1#c');
    expect(absoluteUri('www.example.org/page')).toBeUndefined();
    expect(absoluteUri('')).toBeUndefined();
    const example = runningExample();
    const wire = example.ids.wire;
    apply(example.notebook, { type: 'update', kind: 'source', id: wire, set: { url: 'northwind-wire.example/story' }, unset: [] });
    const { items } = exportOf(example);
    const target = byId(items, example.ids.excerpts.containers)!.target as Json;
    expect(target.source).toBe(urn(wire));
    expect(annotationProblems(byId(items, example.ids.excerpts.containers))).toEqual([]);
  });
});
