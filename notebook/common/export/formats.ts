// The export formats a notebook can leave the app in, named once for the API, the CLI and the
// Export dialog. Each format's writer lives in its own module of this folder and is pure: it gets
// the notebook and a way to read the sources' texts, and returns the file. Never does I/O.
import { z } from 'zod';
import type { BundleFiles } from '../bundle.js';
import type { Instant, Notebook } from '../model.js';

export const EXPORT_FORMATS = {
  markdown: { label: 'Brief (Markdown)', extension: '.md', mediaType: 'text/markdown; charset=utf-8' },
  html: { label: 'Printable report (HTML)', extension: '.html', mediaType: 'text/html; charset=utf-8' },
  csv: { label: 'Evidence table (CSV)', extension: '.csv', mediaType: 'text/csv; charset=utf-8' },
  'web-annotation': { label: 'W3C Web Annotation (JSON-LD)', extension: '.annotations.jsonld', mediaType: 'application/ld+json' },
  'csl-json': { label: 'Sources as CSL-JSON', extension: '.json', mediaType: 'application/vnd.citationstyles.csl+json' },
  claimreview: { label: 'schema.org ClaimReview (JSON-LD)', extension: '.claimreview.jsonld', mediaType: 'application/ld+json' },
  bundle: { label: 'Notebook bundle', extension: '.corroborate.json', mediaType: 'application/json' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const ExportFormat = z.enum(Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]]);

/** What a writer gets. */
export interface ExportContext {
  notebook: Notebook;
  /** The sources' stored files: normalised texts (for quotes and selectors) and originals (bundle). */
  files: BundleFiles;
  /** Stamped into the export where the format has a place for it. */
  exportedAt: Instant;
}

/** One exported file. */
export interface ExportFile {
  /** A file name from the notebook's name and the format's extension, safe on every OS. */
  filename: string;
  mediaType: string;
  text: string;
}
