// Editing a source's metadata: Save sends one update with only what changed; a date the analyst
// changes becomes theirs, the others keep where they came from; undo brings every field back.
import { describe, expect, it } from 'vitest';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Notebook, type Source } from '../../../notebook/common/model.js';
import { apply } from '../../../notebook/common/operations.js';
import {
  dateOrigin,
  dateProblem,
  draftOf,
  draftProblems,
  mediaTypeName,
  parentChoices,
  reliabilityLabel,
  sourceUpdate,
} from '../../../renderer/src/inspector/source-edit.js';

const SHA = 'a'.repeat(64);

function notebookWith(...titles: string[]): { nb: Notebook; sources: Source[] } {
  const nb = emptyNotebook(newId(), 'test', now());
  const sources = titles.map((title) => {
    const at = now();
    const object = {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      title,
      publisher: 'KCNA',
      dates: { published: { value: '2024-03-05', from: 'metadata', detail: 'JSON-LD datePublished' }, modified: { value: '2024-03-06', from: 'metadata' } },
      content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/html', length: 10 },
    };
    apply(nb, { type: 'create', kind: 'source', object });
    return nb.sources[object.id]!;
  });
  return { nb, sources };
}

const LATER = '2030-01-01T00:00:00.000Z';

describe('sourceUpdate', () => {
  it('is null when nothing changed, including white space the fields would trim', () => {
    const { sources } = notebookWith('Wire report');
    const source = sources[0]!;
    expect(sourceUpdate(source, draftOf(source), LATER)).toBeNull();
    expect(sourceUpdate(source, { ...draftOf(source), title: ' Wire report ', publisher: 'KCNA  ' }, LATER)).toBeNull();
  });

  it('sets only the changed fields, with updatedAt, and undo restores the source exactly', () => {
    const { nb, sources } = notebookWith('Wire report');
    const before = sources[0]!;
    const draft = { ...draftOf(before), title: 'KCNA statement', authors: 'Kim Yo Jong\n\n  Second Author \n', grade: 'B' as const, rationale: 'Official outlet' };
    const op = sourceUpdate(before, draft, LATER)!;
    expect(op).toEqual({
      type: 'update',
      kind: 'source',
      id: before.id,
      set: { title: 'KCNA statement', authors: ['Kim Yo Jong', 'Second Author'], reliability: { grade: 'B', rationale: 'Official outlet' }, updatedAt: LATER },
      unset: [],
    });
    const inverse = apply(nb, op);
    expect(nb.sources[before.id]).toMatchObject({ title: 'KCNA statement', reliability: { grade: 'B' }, updatedAt: LATER });
    apply(nb, inverse);
    expect(nb.sources[before.id]).toEqual(before);
  });

  it('makes a changed date the analyst’s (no detail) and keeps the others as they came', () => {
    const { nb, sources } = notebookWith('Wire report');
    const source = sources[0]!;
    const draft = draftOf(source);
    const op = sourceUpdate(source, { ...draft, dates: { ...draft.dates, modified: '2024-04', accessed: '2024-05-01' } }, LATER)!;
    apply(nb, op);
    expect(nb.sources[source.id]!.dates).toEqual({
      published: { value: '2024-03-05', from: 'metadata', detail: 'JSON-LD datePublished' },
      modified: { value: '2024-04', from: 'analyst' },
      accessed: { value: '2024-05-01', from: 'analyst' },
    });
  });

  it('removes an emptied date, grade and parent', () => {
    const { nb, sources } = notebookWith('Agency statement', 'Wire report');
    const [agency, wire] = sources as [Source, Source];
    apply(nb, { type: 'update', kind: 'source', id: wire.id, set: { parentSourceId: agency.id, reliability: { grade: 'C', rationale: '' } }, unset: [] });
    const graded = nb.sources[wire.id]!;
    const draft = draftOf(graded);
    const op = sourceUpdate(graded, { ...draft, grade: '', parentSourceId: '', dates: { ...draft.dates, published: '' } }, LATER)!;
    expect(op).toMatchObject({ unset: ['reliability', 'parentSourceId'] });
    apply(nb, op);
    const after = nb.sources[wire.id]!;
    expect(after.reliability).toBeUndefined();
    expect(after.parentSourceId).toBeUndefined();
    expect(after.dates).toEqual({ modified: { value: '2024-03-06', from: 'metadata' } });
  });

  it('ignores a rationale typed for no grade, and saves a changed rationale with its grade', () => {
    const { sources } = notebookWith('Wire report');
    const source = sources[0]!;
    expect(sourceUpdate(source, { ...draftOf(source), rationale: 'orphan' }, LATER)).toBeNull();
    const op = sourceUpdate({ ...source, reliability: { grade: 'A', rationale: 'old' } }, { ...draftOf(source), grade: 'A', rationale: 'new' }, LATER);
    expect(op).toMatchObject({ set: { reliability: { grade: 'A', rationale: 'new' } } });
  });
});

describe('checks', () => {
  it('accepts a year, a month or a day, and says what is wrong with anything else', () => {
    for (const ok of ['', '2024', '2024-03', '2024-02-29', '2023-10-14T08:30:00.000Z']) expect(dateProblem(ok), ok).toBeNull();
    expect(dateProblem('March 2024')).toBe('“March 2024” is not a date like 2024-03-05, 2024-03 or 2024');
    expect(dateProblem('2024-13')).toBe('“2024-13” has no month 13: months run 01 to 12');
    expect(dateProblem('2023-02-29')).toBe('“2023-02-29” is not a day of that month');
  });

  it('names each field to fix', () => {
    const { sources } = notebookWith('Wire report');
    const draft = draftOf(sources[0]!);
    expect(draftProblems({ ...draft, title: '  ', dates: { ...draft.dates, captured: '5/3/2024' } })).toEqual({
      title: 'A source needs a title',
      captured: '“5/3/2024” is not a date like 2024-03-05, 2024-03 or 2024',
    });
    expect(draftProblems(draft)).toEqual({});
  });
});

describe('dateOrigin', () => {
  it('says where a date came from in words', () => {
    expect(dateOrigin({ value: '2024', from: 'metadata', detail: 'JSON-LD datePublished' }, 'text/html')).toBe("from the page's JSON-LD datePublished");
    expect(dateOrigin({ value: '2024', from: 'metadata', detail: 'PDF info CreationDate' }, 'application/pdf')).toBe("from the PDF's info CreationDate");
    expect(dateOrigin({ value: '2024', from: 'metadata', detail: 'docx dcterms:created' }, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      "from the document's dcterms:created",
    );
    expect(dateOrigin({ value: '2024', from: 'metadata' }, 'application/pdf')).toBe("from the PDF's metadata");
    expect(dateOrigin({ value: '2024', from: 'file', detail: 'front matter date' }, 'text/markdown')).toBe("from the file's front matter date");
    expect(dateOrigin({ value: '2024', from: 'file' }, 'text/plain')).toBe('from the file');
    expect(dateOrigin({ value: '2024', from: 'analyst' }, 'text/html')).toBe('typed by you');
    expect(dateOrigin({ value: '2024', from: 'import' }, 'application/pdf')).toBe('set when it was imported');
    expect(dateOrigin(undefined, 'text/html')).toBe('');
  });
});

describe('parentChoices and reliabilityLabel', () => {
  it('offers the other live sources except those that already report this one', () => {
    const { nb, sources } = notebookWith('Agency statement', 'Wire report', 'Newspaper story', 'Unrelated');
    const [agency, wire, paper, unrelated] = sources as [Source, Source, Source, Source];
    apply(nb, { type: 'update', kind: 'source', id: wire.id, set: { parentSourceId: agency.id }, unset: [] });
    apply(nb, { type: 'update', kind: 'source', id: paper.id, set: { parentSourceId: wire.id }, unset: [] });
    apply(nb, { type: 'delete', kind: 'source', id: unrelated.id, at: now() });
    expect(parentChoices(nb, agency).map((s) => s.title)).toEqual([]);
    expect(parentChoices(nb, paper).map((s) => s.title)).toEqual(['Agency statement', 'Wire report']);
  });

  it('names the grade with its Admiralty meaning', () => {
    expect(reliabilityLabel('B')).toBe('Reliability B: Usually reliable');
    expect(reliabilityLabel('F')).toBe('Reliability F: Reliability cannot be judged');
  });
});

describe('mediaTypeName', () => {
  it('names the formats Corroborate imports, and any other file plainly', () => {
    expect(mediaTypeName('application/pdf')).toBe('PDF');
    expect(mediaTypeName('text/html; charset=utf-8')).toBe('Web page (HTML)');
    expect(mediaTypeName('multipart/related')).toBe('Web archive (MHTML)');
    expect(mediaTypeName('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word document');
    expect(mediaTypeName('text/markdown')).toBe('Markdown');
    expect(mediaTypeName('text/plain')).toBe('Plain text');
    expect(mediaTypeName('application/zip')).toBe('File');
  });
});
