// Importing W3C Web Annotation JSON as excerpts: the export comes back at the same anchors; a text
// that moved is found again by its quote; what cannot be placed with certainty is orphaned, with
// why, and never dropped or put somewhere else. Offsets are code points, so emoji are in the texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describe as describeRange } from '../../../../notebook/common/anchoring.js';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { planAnnotationImport, type AnnotationImportPlan } from '../../../../notebook/common/export/web-annotation-import.js';
import { writeWebAnnotations } from '../../../../notebook/common/export/web-annotation.js';
import { emptyNotebook, type Excerpt, type Id, type Notebook } from '../../../../notebook/common/model.js';
import { apply } from '../../../../notebook/common/operations.js';
import { codePointLength, normaliseText, sliceCodePoints } from '../../../../notebook/common/text.js';
import { EXPORTED_AT, runningExample } from './running-example.js';

const AT = '2024-02-01T12:00:00.000Z';
type Json = Record<string, unknown>;

/** A notebook of hand-made sources, each with its text; ids are counted so tests can name them. */
class Texts {
  readonly nb: Notebook = emptyNotebook('01890000-0000-7000-8000-0000000000f0', 'import', '2024-01-01T00:00:00.000Z');
  readonly texts = new Map<Id, string>();
  private n = 0;
  private stamp() {
    this.n++;
    const at = new Date(Date.UTC(2024, 0, 1, 0, 0, this.n)).toISOString();
    return { id: `01890000-0000-7000-8000-${this.n.toString(16).padStart(12, '0')}`, createdAt: at, updatedAt: at };
  }
  source(text: string, fields: { url?: string; title?: string } = {}): Id {
    const s = this.stamp();
    const sha = s.id.replace(/-/g, '').padEnd(64, '0');
    apply(this.nb, {
      type: 'create',
      kind: 'source',
      object: { ...s, title: fields.title ?? `Source ${this.n}`, url: fields.url ?? '', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) } },
    });
    this.texts.set(s.id, text);
    return s.id;
  }
  excerpt(sourceId: Id, exact: string, occurrence = 0, fields: Partial<Excerpt> = {}): Id {
    const text = this.texts.get(sourceId)!;
    let u = -1;
    for (let i = 0; i <= occurrence; i++) u = text.indexOf(exact, u + 1);
    const start = codePointLength(text.slice(0, u));
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'excerpt', object: { ...s, sourceId, selectors: describeRange(text, { start, end: start + codePointLength(exact) }), ...fields } });
    return s.id;
  }
  readonly textOf = (id: Id): string => {
    const text = this.texts.get(id);
    if (text === undefined) throw new Error(`no text for ${id}`);
    return text;
  };
  plan(json: unknown, sourceId?: Id): AnnotationImportPlan {
    return planAnnotationImport(this.nb, json, this.textOf, sourceId ? { sourceId, at: AT } : { at: AT });
  }
}

/** The excerpts a plan would create. */
const created = (plan: AnnotationImportPlan): Excerpt[] =>
  plan.op?.type === 'batch' ? plan.op.ops.map((op) => (op.type === 'create' ? (op.object as Excerpt) : null)).filter((e): e is Excerpt => e !== null) : [];

/** An annotation as another tool might write it. */
const annotation = (source: string, quote: Json | null, position?: { start: number; end: number }, extra: Json = {}): Json => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  ...extra,
  target: {
    source,
    selector: [...(quote ? [{ type: 'TextQuoteSelector', ...quote }] : []), ...(position ? [{ type: 'TextPositionSelector', ...position }] : [])],
  },
});

describe('export → import round trip', () => {
  it('gives back the same anchors, notes and tags when the excerpts are gone', () => {
    const example = runningExample();
    const text = writeWebAnnotations({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text;
    const live = Object.values(example.notebook.excerpts).filter((e) => !e.deletedAt && !example.notebook.sources[e.sourceId]!.deletedAt);
    expect(live).toHaveLength(8);

    // The same notebook without its excerpts (and without what refers to them).
    const bare: Notebook = { ...structuredClone(example.notebook), excerpts: {}, links: {}, claims: {}, questions: {}, hypotheses: {} };
    const textOf = (id: Id) => example.files.text(bare.sources[id]!.content.textSha256);
    const plan = planAnnotationImport(bare, text, textOf, { at: AT });
    expect(plan.anchored).toBe(8);
    expect(plan.fuzzy).toBe(0);
    expect(plan.skipped).toBe(0);
    // The evidence links are listed, not lost: they link annotations, they mark no passage.
    expect(plan.orphaned).toHaveLength(10);
    for (const o of plan.orphaned) expect(o.reason).toMatch(/motivation linking/);

    apply(bare, plan.op!);
    const key = (e: Excerpt) => JSON.stringify([e.sourceId, e.selectors, e.note, e.tags]);
    expect(Object.values(bare.excerpts).map(key).sort()).toEqual(live.map(key).sort());
    for (const e of Object.values(bare.excerpts)) expect(e.createdAt).toBe(AT);
  });

  it('skips the annotations whose excerpts are already there', () => {
    const example = runningExample();
    const text = writeWebAnnotations({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text;
    const plan = planAnnotationImport(example.notebook, text, (id) => example.files.text(example.notebook.sources[id]!.content.textSha256), { at: AT });
    expect(plan).toMatchObject({ op: null, anchored: 0, fuzzy: 0, skipped: 8 });
  });

  it('re-anchors by quote after the text has moved (positions shifted by an edit before them)', () => {
    const original = new Texts();
    const body = 'Officials in Seoul 🇰🇷 said 1,000 containers had been shipped.\nKim Yo Jong called it “the most absurd paradox”.\n';
    const old = original.source(body, { url: 'https://wire.example/story' });
    original.excerpt(old, '1,000 containers had been shipped', 0, { note: 'Second-hand.', tags: ['logistics'] });
    original.excerpt(old, 'the most absurd paradox');
    const exported = writeWebAnnotations({ notebook: original.nb, files: { text: () => body, originalBase64: () => '' }, exportedAt: EXPORTED_AT }).text;

    // Another notebook holds a later version of the story: a paragraph (with an emoji) was added above.
    const later = new Texts();
    const added = 'UPDATE 🔴 adds the ministry’s figures.\n';
    const moved = later.source(added + body, { url: 'https://wire.example/story/' });
    const plan = later.plan(exported);
    expect(plan).toMatchObject({ anchored: 2, fuzzy: 2, skipped: 0, orphaned: [] });
    const shift = codePointLength(added);
    const excerpts = created(plan);
    expect(excerpts.map((e) => e.selectors.position)).toEqual([
      { start: original.nb.excerpts[Object.keys(original.nb.excerpts)[0]!]!.selectors.position.start + shift, end: expect.any(Number) as number },
      { start: original.nb.excerpts[Object.keys(original.nb.excerpts)[1]!]!.selectors.position.start + shift, end: expect.any(Number) as number },
    ]);
    for (const e of excerpts) {
      expect(e.sourceId).toBe(moved);
      expect(sliceCodePoints(added + body, e.selectors.position.start, e.selectors.position.end)).toBe(e.selectors.quote.exact);
    }
    expect(excerpts[0]!.selectors.quote.exact).toBe('1,000 containers had been shipped');
    expect(excerpts[0]).toMatchObject({ note: 'Second-hand.', tags: ['logistics'] });
    apply(later.nb, plan.op!);
  });
});

describe('anchoring an imported annotation', () => {
  it('takes the position, in code points, when the quote is there (emoji before it)', () => {
    const t = new Texts();
    const text = 'Go 🇰🇷! Seoul 😠 said no.';
    const id = t.source(text, { url: 'https://example.org/a' });
    // "said" starts at code point 15 (UTF-16 index 18: the flag and the emoji take two units per code point).
    expect(text.indexOf('said')).toBe(18);
    const plan = t.plan([annotation('https://example.org/a', { exact: 'said' }, { start: 15, end: 19 })]);
    expect(plan).toMatchObject({ anchored: 1, fuzzy: 0, orphaned: [] });
    expect(created(plan)[0]!.selectors).toEqual({ position: { start: 15, end: 19 }, quote: { exact: 'said', prefix: 'Go 🇰🇷! Seoul 😠 ', suffix: ' no.' } });
    expect(created(plan)[0]!.sourceId).toBe(id);
  });

  it('finds the quote by text when a tool counted UTF-16 units instead of code points', () => {
    const t = new Texts();
    t.source('Go 🇰🇷! Seoul 😠 said no.', { url: 'https://example.org/a' });
    const plan = t.plan([annotation('https://example.org/a', { exact: 'said', prefix: '😠 ', suffix: ' no' }, { start: 18, end: 22 })]);
    expect(plan).toMatchObject({ anchored: 1, fuzzy: 1, orphaned: [] });
    expect(created(plan)[0]!.selectors.position).toEqual({ start: 15, end: 19 });
  });

  it('widens a quote that splits a grapheme to the whole grapheme', () => {
    const t = new Texts();
    t.source('Go 🇰🇷!', { url: 'https://example.org/flag' });
    // One regional indicator: half a flag.
    const plan = t.plan([annotation('https://example.org/flag', { exact: '🇰' }, { start: 3, end: 4 })]);
    expect(created(plan)[0]!.selectors.position).toEqual({ start: 3, end: 5 });
    expect(created(plan)[0]!.selectors.quote.exact).toBe('🇰🇷');
  });

  it('matches a quote whose whitespace differs (a line break for a space)', () => {
    const t = new Texts();
    t.source('some 1,000 containers had been shipped', { url: 'https://example.org/ws' });
    const plan = t.plan([annotation('https://example.org/ws', { exact: '1,000\r\ncontainers  had' })]);
    expect(plan).toMatchObject({ anchored: 1, fuzzy: 1, orphaned: [] });
    expect(created(plan)[0]!.selectors.quote.exact).toBe('1,000 containers had');
  });

  it('chooses between repeated quotes by their context, then by nearness to the old position', () => {
    const t = new Texts();
    const text = 'North: the shipments began. South: the shipments began. North: the shipments began.';
    t.source(text, { url: 'https://example.org/rep' });
    // Context names the "South" one.
    const byContext = t.plan([annotation('https://example.org/rep', { exact: 'the shipments began', prefix: 'South: ', suffix: '. North' })]);
    expect(created(byContext)[0]!.selectors.position.start).toBe(text.indexOf('South') + 7);
    // Context fits the first and the last equally: the old position decides.
    const byPosition = t.plan([annotation('https://example.org/rep', { exact: 'the shipments began', prefix: 'North: ' }, { start: 60, end: 79 })]);
    expect(created(byPosition)[0]!.selectors.position.start).toBe(text.lastIndexOf('the shipments'));
  });

  it('orphans a quote that occurs several times with nothing to tell them apart', () => {
    const t = new Texts();
    t.source('the ministry said so; later the ministry said so', { url: 'https://example.org/amb' });
    const plan = t.plan([annotation('https://example.org/amb', { exact: 'the ministry said so' }, undefined, { id: 'https://notes.example/1' })]);
    expect(plan.op).toBeNull();
    expect(plan.anchored).toBe(0);
    expect(plan.orphaned).toEqual([{ ref: 'https://notes.example/1', exact: 'the ministry said so', reason: expect.stringMatching(/occurs 2 times/) as string }]);
  });

  it('orphans a repeated quote when context and old position both leave a tie', () => {
    const t = new Texts();
    t.source('[yes] o [yes]', { url: 'https://example.org/tie' });
    // Both "yes" have "[" before and "]" after; the old position lies halfway between them.
    const plan = t.plan([annotation('https://example.org/tie', { exact: 'yes', prefix: '[', suffix: ']' }, { start: 5, end: 8 })]);
    expect(plan.anchored).toBe(0);
    expect(plan.orphaned[0]!.reason).toMatch(/2 of them fit its context equally well and lie as near its old position/);
  });

  it('orphans a repeated quote whose context fits none of its places rather than guessing', () => {
    const t = new Texts();
    t.source('alpha: the ministry said so. beta: the ministry said so.', { url: 'https://example.org/ctx' });
    const plan = t.plan([annotation('https://example.org/ctx', { exact: 'the ministry said so', prefix: 'completely different words ', suffix: ' and more unrelated text' })]);
    expect(plan.anchored).toBe(0);
    expect(plan.orphaned[0]!.reason).toMatch(/context matches none/);
  });

  it('orphans a quote that is not in the text, and one with a position but no quote', () => {
    const t = new Texts();
    t.source('Kim Yo Jong called it absurd.', { url: 'https://example.org/k' });
    const plan = t.plan([
      annotation('https://example.org/k', { exact: 'five-year build-up plan' }, { start: 0, end: 23 }),
      annotation('https://example.org/k', null, { start: 0, end: 3 }),
    ]);
    expect(plan.anchored).toBe(0);
    expect(plan.orphaned.map((o) => [o.ref, o.exact])).toEqual([
      ['annotation 1', 'five-year build-up plan'],
      ['annotation 2', ''],
    ]);
    expect(plan.orphaned[0]!.reason).toMatch(/does not occur/);
    expect(plan.orphaned[1]!.reason).toMatch(/no TextQuoteSelector/);
  });
});

describe('finding the source', () => {
  it('matches the target to a source by URL (http or https, trailing slash aside) or by urn:uuid id', () => {
    const t = new Texts();
    const a = t.source('alpha text', { url: 'https://example.org/a/' });
    const b = t.source('beta text');
    const plan = t.plan([annotation('http://EXAMPLE.org/a', { exact: 'alpha' }), annotation(`urn:uuid:${b}`, { exact: 'beta' })]);
    expect(created(plan).map((e) => e.sourceId)).toEqual([a, b]);
  });

  it('matches a percent-encoded URL (as the export writes an IRI) to the source URL as typed', () => {
    const t = new Texts();
    const seoul = t.source('서울 report text', { url: 'https://ko.wikipedia.org/wiki/서울' });
    const plan = t.plan([annotation('https://ko.wikipedia.org/wiki/%EC%84%9C%EC%9A%B8', { exact: 'report' })]);
    expect(created(plan)[0]?.sourceId).toBe(seoul);
  });

  it('puts every annotation on the chosen source when one is given', () => {
    const t = new Texts();
    t.source('alpha text', { url: 'https://example.org/a' });
    const chosen = t.source('the alpha text, copied');
    const plan = t.plan([annotation('https://example.org/a', { exact: 'alpha' })], chosen);
    expect(created(plan)[0]).toMatchObject({ sourceId: chosen, selectors: { position: { start: 4, end: 9 } } });
  });

  it('orphans an annotation whose source is unknown, shared by two sources, or in the trash', () => {
    const t = new Texts();
    t.source('one', { url: 'https://example.org/twice' });
    t.source('two', { url: 'https://example.org/twice' });
    const gone = t.source('gone text', { title: 'Withdrawn' });
    apply(t.nb, { type: 'delete', kind: 'source', id: gone, at: AT });
    const plan = t.plan([
      annotation('https://elsewhere.example/x', { exact: 'one' }),
      annotation('https://example.org/twice', { exact: 'one' }),
      annotation(`urn:uuid:${gone}`, { exact: 'gone' }),
    ]);
    expect(plan.anchored).toBe(0);
    expect(plan.orphaned.map((o) => o.reason)).toEqual([
      expect.stringMatching(/no source in the notebook has the URL or id https:\/\/elsewhere\.example\/x/),
      expect.stringMatching(/2 sources have the URL/),
      expect.stringMatching(/“Withdrawn”, is in the trash/),
    ]);
  });

  it('refuses a chosen source that does not exist', () => {
    const t = new Texts();
    expect(() => t.plan([], '01890000-0000-7000-8000-00000000dead')).toThrow(NotebookError);
  });
});

describe('what the file may be', () => {
  const t = new Texts();
  t.source('alpha beta gamma', { url: 'https://example.org/g' });
  const one = (exact: string) => annotation('https://example.org/g', { exact });

  it('takes one annotation, an array, a page, or a collection (first.items or items)', () => {
    const count = (json: unknown) => t.plan(json).anchored;
    expect(count(one('alpha'))).toBe(1);
    expect(count(JSON.stringify([one('alpha'), one('beta')]))).toBe(2);
    expect(count({ type: 'AnnotationPage', items: [one('alpha')], next: { type: 'AnnotationPage', items: [one('gamma')] } })).toBe(2);
    expect(count({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [one('beta')] } })).toBe(1);
    expect(count({ type: 'AnnotationCollection', items: [one('beta'), one('gamma')] })).toBe(2);
  });

  it('refuses what is not JSON or not annotations, naming the problem', () => {
    const refuses = (json: unknown, message: RegExp) => {
      try {
        t.plan(json);
      } catch (e) {
        expect(e).toBeInstanceOf(NotebookError);
        expect((e as NotebookError).code).toBe('invalid');
        expect((e as NotebookError).message).toMatch(message);
        return;
      }
      throw new Error('expected a refusal');
    };
    refuses('{"type": "Annotation", ', /not valid JSON/);
    refuses({ title: 'a CSL item?' }, /not W3C Web Annotation JSON/);
    refuses(42, /not W3C Web Annotation JSON/);
    refuses({ type: 'AnnotationCollection', first: 'https://example.org/page1' }, /first page is only a link/);
  });

  it('lists, never drops, items that are not annotations of text', () => {
    const plan = t.plan([
      'just a string',
      { type: 'Annotation', body: { type: 'TextualBody', value: 'no target' } },
      { type: 'Annotation', target: 'https://example.org/g' },
      one('gamma'),
    ]);
    expect(plan.anchored).toBe(1);
    expect(plan.orphaned.map((o) => o.ref)).toEqual(['annotation 1', 'annotation 2', 'annotation 3']);
    expect(plan.orphaned.map((o) => o.reason)).toEqual([
      expect.stringMatching(/not an annotation/),
      expect.stringMatching(/no target/),
      expect.stringMatching(/selects no text/),
    ]);
  });

  it('reads notes and tags from bodies (a Hypothesis-style export)', () => {
    const plan = t.plan(
      annotation('https://example.org/g', { exact: 'beta', prefix: 'alpha ', suffix: ' gamma' }, { start: 6, end: 10 }, {
        motivation: 'commenting',
        body: [
          { type: 'TextualBody', value: 'Check **this**.', format: 'text/markdown' },
          { type: 'TextualBody', value: 'munitions', purpose: 'tagging' },
          { type: 'TextualBody', value: 'munitions', purpose: 'tagging' },
          { type: 'TextualBody', value: 'korea/north', purpose: 'tagging' },
          { type: 'TextualBody', value: 'supports', purpose: 'classifying' },
        ],
      }),
    );
    expect(created(plan)[0]).toMatchObject({ note: 'Check **this**.', tags: ['munitions', 'korea/north'], selectors: { position: { start: 6, end: 10 } } });
  });

  it('imports two annotations of the same passage once', () => {
    const plan = t.plan([one('gamma'), one('gamma')]);
    expect(plan).toMatchObject({ anchored: 1, skipped: 1 });
  });

  it('makes one batch that applies, and undoes in one step', () => {
    const fresh = new Texts();
    fresh.source('alpha beta gamma', { url: 'https://example.org/g' });
    const plan = fresh.plan([one('alpha'), one('gamma')]);
    const before = structuredClone(fresh.nb);
    const inverse = apply(fresh.nb, plan.op!);
    expect(Object.keys(fresh.nb.excerpts)).toHaveLength(2);
    apply(fresh.nb, inverse);
    expect(fresh.nb).toEqual(before);
  });
});

describe('properties', () => {
  // Texts mixing what makes code points, UTF-16 units and graphemes differ (a combining mark that
  // has no precomposed form survives NFC), normalised as every source text is.
  const piece = fc.constantFrom('a', 'b', ' ', 'the ', 'é', 'q\u0301', '😠', '🇰🇷', '👩‍👩‍👧', '\n', 'שלום', ',');
  const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => normaliseText(parts.join('')));
  const withRange = text.chain((t) => {
    const n = codePointLength(t);
    return fc.tuple(fc.constant(t), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n })).map(([t2, a, b]) => ({ text: t2, start: Math.min(a, b - 1), end: Math.max(a + 1, b) }));
  });
  /** The W3C annotation Corroborate would export for this excerpt, or null for an all-whitespace selection. */
  const exported = (t: string, range: { start: number; end: number }) => {
    try {
      const { position, quote } = describeRange(t, range);
      return { position, quote, annotation: annotation('https://example.org/p', quote, position) };
    } catch {
      return null;
    }
  };

  it('an exported excerpt imports into the same text at exactly its anchor', () => {
    fc.assert(
      fc.property(withRange, ({ text: t, start, end }) => {
        const e = exported(t, { start, end });
        if (!e) return;
        const notebook = new Texts();
        notebook.source(t, { url: 'https://example.org/p' });
        const plan = notebook.plan([e.annotation]);
        expect(plan).toMatchObject({ anchored: 1, fuzzy: 0, orphaned: [] });
        expect(created(plan)[0]!.selectors).toEqual({ position: e.position, quote: e.quote });
      }),
      { numRuns: 300 },
    );
  });

  it('after text is added before it, an import lands on the quote or is orphaned, never elsewhere', () => {
    fc.assert(
      fc.property(withRange, text, ({ text: t, start, end }, added) => {
        const e = exported(t, { start, end });
        if (!e) return;
        const moved = `${added}\n${t}`;
        const notebook = new Texts();
        notebook.source(moved, { url: 'https://example.org/p' });
        const plan = notebook.plan([e.annotation]);
        expect(plan.anchored + plan.orphaned.length).toBe(1);
        const shift = codePointLength(added) + 1;
        if (plan.anchored) {
          const got = created(plan)[0]!.selectors;
          expect(sliceCodePoints(moved, got.position.start, got.position.end)).toBe(got.quote.exact);
          expect(got.quote.exact).toBe(e.quote.exact);
        }
        // A quote that occurs once, and sits where it was, is always found there.
        if (moved.indexOf(e.quote.exact) === moved.lastIndexOf(e.quote.exact) && sliceCodePoints(moved, e.position.start + shift, e.position.end + shift) === e.quote.exact) {
          expect(created(plan)[0]?.selectors.position).toEqual({ start: e.position.start + shift, end: e.position.end + shift });
        }
      }),
      { numRuns: 300 },
    );
  });
});
