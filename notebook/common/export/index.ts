// Every export format behind one call: the API, the CLI and the Export dialog ask for a format by
// its name and get the file. Pure: the writers do no I/O; the caller saves the text.
import { buildBundle } from '../bundle.js';
import { NotebookError } from '../errors.js';
import { writeClaimReview } from './claimreview.js';
import { writeCslJson } from './csl.js';
import { writeEvidenceCsv } from './csv-export.js';
import { exportFilename } from './filename.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile, type ExportFormat } from './formats.js';
import { writeMarkdownBrief } from './markdown.js';
import { writeHtmlReport } from './report-html.js';
import { writeWebAnnotations } from './web-annotation.js';

export { exportFilename };

/** The notebook bundle (notebook/common/bundle.ts), trash included, as indented JSON with a final newline. */
export function writeBundle(ctx: ExportContext): ExportFile {
  const bundle = buildBundle(ctx.notebook, ctx.files, ctx.exportedAt);
  return { filename: exportFilename(ctx.notebook, 'bundle'), mediaType: EXPORT_FORMATS.bundle.mediaType, text: `${JSON.stringify(bundle, null, 2)}\n` };
}

const WRITERS: Record<ExportFormat, (ctx: ExportContext) => ExportFile> = {
  markdown: writeMarkdownBrief,
  html: writeHtmlReport,
  csv: writeEvidenceCsv,
  'web-annotation': writeWebAnnotations,
  'csl-json': writeCslJson,
  claimreview: writeClaimReview,
  bundle: writeBundle,
};

/** The notebook in `format`. Throws NotebookError('invalid') for a format that does not exist. */
export function exportNotebook(format: ExportFormat, ctx: ExportContext): ExportFile {
  if (!Object.hasOwn(WRITERS, format)) {
    throw new NotebookError('invalid', `unknown export format "${String(format)}"; supported: ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  }
  return WRITERS[format](ctx);
}
