// Importing CSL-JSON as source metadata: items matched to sources by URL, DOI, then title; the
// matched sources updated in one undoable batch; the rest listed; anything not CSL refused.
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { planCslImport } from '../../../../notebook/common/export/csl-import.js';
import { writeCslJson } from '../../../../notebook/common/export/csl.js';
import type { Notebook, Source } from '../../../../notebook/common/model.js';
import { apply } from '../../../../notebook/common/operations.js';
import { EXPORTED_AT, runningExample, WIRE_REPORT } from './running-example.js';

const AT = '2024-03-01T08:00:00.000Z';

/** The running example with its sources stripped of what a reference manager knows, URL kept. */
function bareExample() {
  const example = runningExample();
  const nb: Notebook = structuredClone(example.notebook);
  for (const id of [example.ids.wire, example.ids.study]) {
    apply(nb, { type: 'update', kind: 'source', id, set: { authors: [], publisher: '', language: '', dates: {}, updatedAt: AT }, unset: [] });
  }
  return { example, nb };
}

describe('CSL-JSON export → import', () => {
  it('gives the sources back their metadata', () => {
    const { example, nb } = bareExample();
    const csl = writeCslJson({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text;
    const plan = planCslImport(nb, csl, AT);
    expect(plan.updated).toBe(2);
    expect(plan.unmatched).toEqual([]);
    apply(nb, plan.op!);
    const wire = nb.sources[example.ids.wire]!;
    expect(wire).toMatchObject({ authors: ['Min-ji Park', 'Tom Reyes'], publisher: WIRE_REPORT.publisher, language: 'en', updatedAt: AT });
    expect(wire.dates.published).toEqual({ value: '2023-10-14', from: 'import', detail: 'CSL-JSON issued' });
    expect(nb.sources[example.ids.study]).toMatchObject({ authors: ['Open Freight Monitor'], publisher: 'Open Freight Monitor' });
  });

  it('changes nothing when the sources already say the same', () => {
    const example = runningExample();
    const csl = writeCslJson({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text;
    expect(planCslImport(example.notebook, csl, AT)).toEqual({ op: null, updated: 0, unmatched: [] });
  });

  it('is one batch that one undo takes back', () => {
    const { example, nb } = bareExample();
    const before = structuredClone(nb);
    const plan = planCslImport(nb, writeCslJson({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text, AT);
    expect(plan.op?.type).toBe('batch');
    const inverse = apply(nb, plan.op!);
    expect(nb).not.toEqual(before);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });
});

describe('matching items to sources', () => {
  const { example, nb } = bareExample();
  const wire = () => nb.sources[example.ids.wire]!;
  const study = () => nb.sources[example.ids.study]!;
  /** The plan, and the fields it sets on a source. */
  const updates = (json: unknown) => {
    const plan = planCslImport(nb, json, AT);
    const set = (source: Source) => {
      const op = plan.op?.type === 'batch' ? plan.op.ops.find((o) => o.type === 'update' && o.id === source.id) : undefined;
      return op?.type === 'update' ? op.set : undefined;
    };
    return { plan, set };
  };

  it('matches by URL first, ignoring http/https, case of the host and a trailing slash', () => {
    const { plan, set } = updates([{ id: 'zotero-1', type: 'article-newspaper', title: 'Another title', URL: 'http://NORTHWIND-WIRE.example/world/asia/2023/10/14/korea-russia-arms/' }]);
    expect(plan.updated).toBe(1);
    expect(set(wire())).toMatchObject({ title: 'Another title' });
  });

  it('then by DOI, in the item or in its URL, against a DOI in a source URL', () => {
    const withDoi = structuredClone(nb);
    apply(withDoi, { type: 'update', kind: 'source', id: example.ids.study, set: { url: 'https://doi.org/10.5555/Tumangang.2023' }, unset: [] });
    const plan = planCslImport(withDoi, [{ id: 'x', type: 'report', DOI: '10.5555/tumangang.2023', publisher: 'OFM Press', title: 'Rail traffic' }], AT);
    expect(plan.updated).toBe(1);
    const op = plan.op?.type === 'batch' ? plan.op.ops[0] : undefined;
    expect(op).toMatchObject({ type: 'update', id: example.ids.study, set: { publisher: 'OFM Press', title: 'Rail traffic' } });
    // The source's URL is kept: the item has no URL of its own.
    expect((op as { set: Record<string, unknown> }).set.url).toBeUndefined();
  });

  it('then by title, ignoring case and spacing', () => {
    const { plan, set } = updates([{ id: 7, type: 'report', title: '  rail TRAFFIC at the  Tumangang crossing, July–September 2023', issued: { 'date-parts': [['2023', '9']] }, language: 'en-GB' }]);
    expect(plan.updated).toBe(1);
    expect(set(study())).toMatchObject({ language: 'en-GB', dates: { published: { value: '2023-09', from: 'import', detail: 'CSL-JSON issued' } } });
  });

  it('writes authors as the names read, and the outlet of an article as its publisher', () => {
    const { set } = updates([
      {
        id: 'w',
        type: 'article-newspaper',
        title: WIRE_REPORT.title,
        author: [{ given: 'Chloé', family: 'Han' }, { literal: 'Northwind staff' }, { given: 'Ludwig', 'non-dropping-particle': 'van', family: 'Beethoven' }, { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
        'container-title': 'Northwind Wire',
        publisher: 'Northwind Media Group',
        issued: { raw: '2023-10-14T08:00:00Z' },
      },
    ]);
    expect(set(wire())).toMatchObject({
      authors: ['Chloé Han', 'Northwind staff', 'Ludwig van Beethoven', 'Martin Luther King, Jr.'],
      publisher: 'Northwind Wire',
      dates: { published: { value: '2023-10-14' } },
    });
  });

  it('lists the items that match no source, or several, by title or id', () => {
    const twins = structuredClone(nb);
    apply(twins, { type: 'update', kind: 'source', id: example.ids.study, set: { title: WIRE_REPORT.title, url: '' }, unset: [] });
    const plan = planCslImport(
      twins,
      [
        { id: 'no-title', type: 'book' },
        { id: 'b', type: 'book', title: 'A book nobody imported' },
        { id: 'c', type: 'article', title: WIRE_REPORT.title.toUpperCase() },
      ],
      AT,
    );
    expect(plan.updated).toBe(0);
    expect(plan.op).toBeNull();
    expect(plan.unmatched).toEqual(['no-title', 'A book nobody imported', `${WIRE_REPORT.title.toUpperCase()} (2 sources match by title)`]);
  });

  it('uses one item per source: a second item for the same source is listed', () => {
    const { plan } = updates([
      { id: 'a', type: 'report', title: 'Rail traffic at the Tumangang crossing, July–September 2023', language: 'ko' },
      { id: 'b', type: 'report', title: 'rail traffic at the tumangang crossing, july–september 2023', language: 'fr' },
    ]);
    expect(plan.updated).toBe(1);
    expect(plan.unmatched).toEqual(['rail traffic at the tumangang crossing, july–september 2023 (the same source as an earlier item)']);
  });

  it('never matches a source in the trash', () => {
    const plan = planCslImport(example.notebook, [{ id: 't', type: 'document', title: 'Discarded machine translation of the KCNA statement', language: 'ko' }], AT);
    expect(plan.unmatched).toEqual(['Discarded machine translation of the KCNA statement']);
  });
});

describe('what is not CSL-JSON', () => {
  const { nb } = bareExample();
  const refusal = (json: unknown): NotebookError => {
    try {
      planCslImport(nb, json, AT);
    } catch (e) {
      if (e instanceof NotebookError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it('refuses bad JSON, other formats and malformed items with a clear message', () => {
    expect(refusal('[{"id": 1,').message).toMatch(/not valid JSON/);
    expect(refusal('[{"id": 1,').code).toBe('invalid');
    expect(refusal({ format: 'corroborate-bundle', schemaVersion: 2 }).message).toMatch(/notebook bundle, not CSL-JSON/);
    expect(refusal({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', id: 'urn:x' }).message).toMatch(/not CSL-JSON: item 1: type: is not a CSL item type/);
    expect(refusal('"a string"').message).toMatch(/expected an array of CSL items/);
    expect(refusal([{ id: 'a', type: 'book', title: 'Fine' }, { title: 'No id or type' }]).message).toMatch(/item 2 \(“No id or type”\): id: .*type/);
    expect(refusal([{ id: 'a', type: 'book', URL: 42 }]).message).toMatch(/item 1: URL/);
  });

  it('takes one item on its own, and an empty list as nothing to do', () => {
    expect(planCslImport(nb, { id: 'one', type: 'book', title: 'Nothing like it' }, AT).unmatched).toEqual(['Nothing like it']);
    expect(planCslImport(nb, '[]', AT)).toEqual({ op: null, updated: 0, unmatched: [] });
  });
});
