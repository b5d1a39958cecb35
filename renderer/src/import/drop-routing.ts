// Where a file dropped on the window (or pasted) goes: a source file to the import queue, a
// notebook bundle to the Merge dialog, a Web Annotation or CSL-JSON file to its import, as
// File ▸ Import notebook bundle… / Import annotations… / Import CSL-JSON… would send it; a folder
// that is a notebook, an empty folder or a JSON file of no known kind gets a message naming it.
// Pure apart from reading the first bytes of a .json file; never reads a source file itself.
import type { ImportCandidate } from './import-queue.js';

/** The exchange imports (the same as exchange/ExchangeInputs.tsx's ExchangeImport, kept here so pure code needs no JSX). */
export type ExchangeImport = 'bundle' | 'annotations' | 'csl';

/** Something dropped that is not imported, and why, in the analyst's words. */
export interface DropRefusal {
  name: string;
  reason: string;
}

/** What a drop comes to. */
export interface RoutedDrop {
  sources: ImportCandidate[];
  /** Files for the exchange imports, in the order dropped (the window takes one at a time). */
  exchange: { which: ExchangeImport; file: File }[];
  refused: DropRefusal[];
}

/** How much of a .json file is read to tell a bundle from annotations from CSL-JSON. */
export const SNIFF_BYTES = 64 * 1024;

/** What File ▸ Export… writes a notebook bundle as (notebook/common/export/formats.ts). */
const BUNDLE_SUFFIX = '.corroborate.json';

const lower = (name: string) => name.toLowerCase();

/**
 * The exchange import a JSON file is for, by its name and then by its first bytes: null when it
 * is no JSON file at all (a source file), 'unknown' when it is JSON of no kind Corroborate reads.
 */
export function exchangeKindOf(name: string, head: string): ExchangeImport | 'claimreview' | 'unknown' | null {
  const n = lower(name);
  if (n.endsWith(BUNDLE_SUFFIX)) return 'bundle';
  if (n.endsWith('.claimreview.jsonld')) return 'claimreview';
  if (n.endsWith('.csljson')) return 'csl';
  if (n.endsWith('.jsonld')) return 'annotations';
  if (!n.endsWith('.json')) return null;
  // A bundle names its format first; annotations carry the W3C context; CSL-JSON is an array of items (or one item).
  if (/"format"\s*:\s*"corroborate-bundle"/.test(head)) return 'bundle';
  if (/www\.w3\.org\/ns\/anno\.jsonld|"type"\s*:\s*"(Annotation|AnnotationCollection)"/.test(head)) return 'annotations';
  if (/^\s*\[/.test(head) || /"(issued|container-title|citation-key)"\s*:/.test(head)) return 'csl';
  return 'unknown';
}

/** Why a dropped folder is not walked for files, or null when it is. */
export function folderRefusal(name: string, fileCount: number): string | null {
  if (lower(name).endsWith('.corroborate')) return `“${name}” is a notebook folder, not files to import: open it with File ▸ Open notebook…`;
  if (fileCount === 0) return `“${name}” is an empty folder: there is nothing in it to import`;
  return null;
}

const WHY: Record<'claimreview' | 'unknown', (name: string) => string> = {
  claimreview: (name) => `${name} is a ClaimReview export, which Corroborate writes but does not import`,
  unknown: (name) => `${name} is JSON of no kind Corroborate imports: a notebook bundle, W3C Web Annotation or CSL-JSON file`,
};

/** The first bytes of a file as text (a cut-off multi-byte character at the end does no harm here). */
async function headOf(file: File): Promise<string> {
  return file.slice(0, SNIFF_BYTES).text();
}

/**
 * Sorts what was dropped: files of a dropped folder always go to the import queue (it lists what
 * it skips); a file dropped by itself is looked at first.
 */
export async function routeDrop(candidates: readonly ImportCandidate[], read: (file: File) => Promise<string> = headOf): Promise<RoutedDrop> {
  const routed: RoutedDrop = { sources: [], exchange: [], refused: [] };
  for (const candidate of candidates) {
    const name = candidate.file.name;
    const sniffable = !candidate.fromFolder && /\.(json|jsonld|csljson)$/i.test(name);
    const kind = sniffable ? exchangeKindOf(name, await read(candidate.file).catch(() => '')) : null;
    if (kind === null) routed.sources.push(candidate);
    else if (kind === 'claimreview' || kind === 'unknown') routed.refused.push({ name, reason: WHY[kind](name) });
    else routed.exchange.push({ which: kind, file: candidate.file });
  }
  return routed;
}

/** What the window says about the exchange files it does not open now: one dialog at a time. */
export function oneAtATime(rest: readonly { file: File }[]): DropRefusal[] {
  return rest.map(({ file }) => ({ name: file.name, reason: `${file.name} was not opened: drop bundles, annotation and CSL-JSON files one at a time` }));
}
