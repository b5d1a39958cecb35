// File ▸ Export…: the notebook in one of the export formats, previewed as text, then saved with
// Download. The host writes the file's text (notebook/common/export); the page only shows and
// saves it. Never renders exported HTML: the printable report is previewed as its source.
import { useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFile, type ExportFormat } from '../../../notebook/common/export/formats.js';
import { client, errorMessage } from '../client.js';
import { Dialog, DialogError } from '../ui/Dialog.js';
import { saveBlob } from '../ui/download.js';
import { notify } from '../ui/toasts.js';
import { previewOf } from './exchange-model.js';
import './exchange.css';

const FORMAT_HINTS: Record<ExportFormat, string> = {
  markdown: 'Claims grouped by proposition, with their assessments and the exact quotes that support or refute them, cited; sources in an appendix.',
  html: 'The same brief as a web page that prints well.',
  csv: 'One row per claim and piece of evidence, and one per cell of each hypotheses matrix, for a spreadsheet.',
  'web-annotation': 'Every excerpt as a W3C Web Annotation on its source, and evidence links as linking annotations.',
  'csl-json': 'The sources as CSL-JSON, for a reference manager (Zotero, Mendeley…).',
  claimreview: 'The assessed claims as schema.org ClaimReview, authored by the organisation in Notebook settings.',
  bundle: 'The whole notebook with its texts, trash included: for a backup, or to merge into another notebook.',
};

const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** The answer for one format; while the chosen format has none yet, the preview is loading. */
type Preview = { format: ExportFormat } & ({ status: 'ready'; file: ExportFile } | { status: 'error'; message: string });

export function ExportDialog({ organisation, canPrintPdf, onClose }: { organisation: string; /** The host prints to PDF (the desktop app). */ canPrintPdf: boolean; onClose: () => void }) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [answer, setAnswer] = useState<Preview | null>(null);
  const request = useRef(0);

  useEffect(() => {
    const mine = ++request.current;
    client.exportNotebook({ format }).then(
      (file) => {
        if (request.current === mine) setAnswer({ format, status: 'ready', file });
      },
      (e: unknown) => {
        if (request.current === mine) setAnswer({ format, status: 'error', message: `The ${EXPORT_FORMATS[format].label} could not be made: ${errorMessage(e)}` });
      },
    );
  }, [format]);

  const preview = answer?.format === format ? answer : ({ status: 'loading' } as const);
  const file = preview.status === 'ready' ? preview.file : null;
  const shown = file ? previewOf(file.text) : null;

  const download = () => {
    if (!file) return;
    saveBlob(new Blob([file.text], { type: file.mediaType }), file.filename);
    notify('status', `Saving “${file.filename}”.`);
  };

  const [printing, setPrinting] = useState(false);
  const savePdf = async () => {
    setPrinting(true);
    try {
      const pdf = await client.exportPdf({});
      const bytes = Uint8Array.from(atob(pdf.dataBase64), (c) => c.charCodeAt(0));
      saveBlob(new Blob([bytes], { type: 'application/pdf' }), pdf.filename);
      notify('status', `Saving “${pdf.filename}”.`);
    } catch (e) {
      notify('error', `The PDF could not be made: ${errorMessage(e)}`);
    } finally {
      setPrinting(false);
    }
  };

  return (
    <Dialog title="Export" onCancel={onClose} wide>
      <div className="dialog-form export-dialog">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select id={`${id}-format`} data-autofocus value={format} aria-describedby={`${id}-hint`} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {EXPORT_FORMATS[f].label}
              </option>
            ))}
          </select>
          <p id={`${id}-hint`} className="hint">
            {FORMAT_HINTS[format]}
            {format === 'claimreview' && !organisation.trim() && ' No organisation is set yet, so the notebook’s name stands in for it.'}
          </p>
        </div>
        {format === 'html' && !canPrintPdf && (
          <p className="export-note">
            PDF: use the printable report and Print ▸ Save as PDF — download it, open it in your browser, and print it to a PDF file.
          </p>
        )}
        <div className="export-preview-head">
          <span className="export-preview-caption" id={`${id}-caption`}>
            Preview{file ? ` of ${file.filename}` : ''}
          </span>
          {shown?.cut && <span className="hint">Only the beginning is shown; Download saves all of it.</span>}
        </div>
        <div role="region" aria-label="Preview" aria-describedby={`${id}-caption`} aria-busy={preview.status === 'loading'} tabIndex={0} className="export-preview">
          {preview.status === 'loading' && (
            <p role="status" className="muted export-preview-status">
              Preparing the export…
            </p>
          )}
          {shown && <pre className="export-preview-text">{shown.text}</pre>}
        </div>
        <DialogError message={preview.status === 'error' ? preview.message : null} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {format === 'html' && canPrintPdf && (
            <button type="button" className="button" disabled={printing} onClick={() => void savePdf()}>
              Save as PDF
            </button>
          )}
          <button type="button" className="button button-primary" disabled={!file} onClick={download}>
            Download
          </button>
        </div>
      </div>
    </Dialog>
  );
}
