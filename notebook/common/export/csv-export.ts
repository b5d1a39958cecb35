// The evidence table as CSV (RFC 4180: UTF-8, CRLF, quoted where needed) for spreadsheets: one
// record per claim and item of evidence, then one per cell of each competing-hypotheses matrix.
// Pure and deterministic; never includes anything in the trash.
import { achMatrix, indexLinks, propositionGroups } from '../analysis.js';
import { toCsv } from '../csv.js';
import type { Claim, EvidenceRow, Id, Link, Notebook } from '../model.js';
import { pagesOf } from './brief-model.js';
import { exportFilename } from './filename.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';

/**
 * The columns, in order. One file holds both kinds of record, told apart by `record`:
 * - `claim-evidence`: a claim and one item of evidence linked to it (an excerpt or a claim) with
 *   the link's relation; a claim with no evidence yet has one such record, its evidence fields blank.
 * - `ach-cell`: one cell of a competing-hypotheses matrix: the question, the hypothesis, the row's
 *   evidence, and the rating (a code, CC … NA; blank when not rated yet).
 * Fields that do not apply to a record are blank. Grades are codes (credibility 1–6, reliability
 * A–F), likelihood the ICD 203 term, page "2" or "2–3" for a paged source, excerpt start and end
 * in Unicode code points (the W3C Web Annotation TextPositionSelector).
 */
export const EVIDENCE_CSV_COLUMNS = [
  'record',
  'claim id',
  'statement',
  'claimant',
  'polarity',
  'proposition',
  'credibility',
  'likelihood',
  'confidence',
  'relation',
  'strength',
  'evidence kind',
  'evidence id',
  'evidence text',
  'evidence claimant',
  'source title',
  'publisher',
  'published',
  'page',
  'reliability',
  'excerpt start',
  'excerpt end',
  'link rationale',
  'question',
  'hypothesis',
  'rating',
  'relevance',
  'weight',
  'diagnosticity',
] as const;

type Column = (typeof EVIDENCE_CSV_COLUMNS)[number];
type Record = Partial<{ [C in Column]: string | number }>;

/** Excel reads a CSV without a byte-order mark as the system code page, garbling "Chloé" and curly quotes; other tools skip the mark. */
const BOM = '\uFEFF';

export function writeEvidenceCsv(ctx: ExportContext): ExportFile {
  const records = evidenceRecords(ctx.notebook);
  const text = BOM + toCsv([...EVIDENCE_CSV_COLUMNS], records.map((r) => EVIDENCE_CSV_COLUMNS.map((c) => r[c] ?? '')));
  return { filename: exportFilename(ctx.notebook, 'csv'), mediaType: EXPORT_FORMATS.csv.mediaType, text };
}

const byCreation = <T extends { createdAt: string; id: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The records in the brief's order: claims by proposition (then ungrouped claims), each claim's evidence in link order; then each question's cells, row by row. */
export function evidenceRecords(nb: Notebook): Record[] {
  const index = indexLinks(nb);
  const claimantOf = (claim: Claim) => (claim.claimantId ? (nb.entities[claim.claimantId]?.name ?? '') : '');

  /** The evidence fields of an excerpt or a claim taken as evidence. */
  const evidence = (kind: EvidenceRow['kind'], id: Id): Record => {
    if (kind === 'claim') {
      const claim = nb.claims[id]!;
      return { 'evidence kind': 'claim', 'evidence id': id, 'evidence text': claim.statement, 'evidence claimant': claimantOf(claim) };
    }
    const excerpt = nb.excerpts[id]!;
    const source = nb.sources[excerpt.sourceId]!;
    return {
      'evidence kind': 'excerpt',
      'evidence id': id,
      'evidence text': excerpt.selectors.quote.exact,
      'source title': source.title,
      publisher: source.publisher,
      published: source.dates.published?.value ?? '',
      page: pagesOf(source, excerpt).replace(/^pp?\. /, ''),
      reliability: source.reliability?.grade ?? '',
      'excerpt start': excerpt.selectors.position.start,
      'excerpt end': excerpt.selectors.position.end,
    };
  };

  const records: Record[] = [];
  const groups = propositionGroups(nb);
  // As the brief orders them: claims under a proposition first, then those no proposition groups.
  for (const group of [...groups.filter((g) => g.proposition), ...groups.filter((g) => !g.proposition)]) {
    for (const claim of group.claims) {
      const about: Record = {
        record: 'claim-evidence',
        'claim id': claim.id,
        statement: claim.statement,
        claimant: claimantOf(claim),
        polarity: claim.polarity,
        proposition: group.proposition?.statement ?? '',
        credibility: claim.credibility?.grade ?? '',
        likelihood: claim.assessment?.likelihood ?? '',
        confidence: claim.assessment?.confidence ?? '',
      };
      const links: Link[] = [...(index.into.get(claim.id) ?? [])].sort(byCreation);
      if (!links.length) records.push(about);
      for (const link of links) {
        records.push({ ...about, relation: link.relation, strength: link.strength ?? '', ...evidence(link.fromKind, link.fromId), 'link rationale': link.rationale });
      }
    }
  }

  for (const question of Object.values(nb.questions).filter((q) => !q.deletedAt).sort(byCreation)) {
    const matrix = achMatrix(nb, question.id)!;
    for (const row of matrix.rows) {
      matrix.hypotheses.forEach((hypothesis, h) => {
        records.push({
          record: 'ach-cell',
          ...evidence(row.row.kind, row.row.id),
          question: question.text,
          hypothesis: hypothesis.statement,
          rating: row.ratings[h] ?? '',
          relevance: row.row.relevance,
          weight: Math.round(row.weight * 100) / 100,
          diagnosticity: row.diagnosticity ?? '',
        });
      });
    }
  }
  return records;
}
