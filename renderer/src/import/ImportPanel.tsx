// The import panel (region "Import"): while a run goes on, its progress and the file being
// imported, with Cancel import; when it ends, the summary and each file's outcome, with Open for
// the sources and Close. Shows the run as import-queue.ts keeps it; never imports by itself.
import './import.css';
import { useEffect, useId, useState } from 'react';
import type { Id } from '../../../notebook/common/model.js';
import { cancelImport, closeImport, useImportRun } from './import-queue.js';
import { nextShown, progressOf, reasonFor, RESULTS_FIRST, resultsInOrder, summaryText, type ImportItem } from './import-summary.js';

export function ImportPanel({ onOpenSource }: { onOpenSource: (id: Id) => void }) {
  const id = useId();
  const run = useImportRun();
  if (!run) return null;
  const { done, total, current, label } = progressOf(run);
  return (
    <section className="import-panel" aria-label="Import">
      {run.running ? (
        <>
          <div className="import-head">
            <h2 className="import-title" id={`${id}-label`}>
              {label}
            </h2>
            <button type="button" className="button button-small" onClick={cancelImport} disabled={run.cancelling}>
              Cancel import
            </button>
          </div>
          <div
            role="progressbar"
            className="import-bar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            aria-valuetext={`${done} of ${total} done${current ? `; now ${current.name}` : ''}`}
          >
            <div className="import-bar-fill" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
          </div>
          <p className="import-current">
            {current ? <span className="import-file">{current.name}</span> : 'Reading…'}
            {run.cancelling && <span className="import-cancelling"> — stopping after this file</span>}
          </p>
        </>
      ) : (
        <>
          <div className="import-head">
            <h2 className="import-title">{run.items.some((i) => i.outcome.status === 'cancelled') ? 'Import cancelled' : 'Import finished'}</h2>
            <button type="button" className="button button-small" onClick={closeImport}>
              Close
            </button>
          </div>
          <p role="status" className="import-summary">
            {summaryText(run.items)}
          </p>
          <ResultList items={run.items} onOpenSource={onOpenSource} />
        </>
      )}
    </section>
  );
}

/**
 * The results, the first RESULTS_FIRST at once and the rest RESULTS_STEP per frame after: a run
 * of hundreds of files ends without one long task building every row (and the rows further down
 * are out of view anyway). All of them are in the list within a few frames.
 */
function ResultList({ items, onOpenSource }: { items: readonly ImportItem[]; onOpenSource: (id: Id) => void }) {
  const ordered = resultsInOrder(items);
  const [shown, setShown] = useState(() => Math.min(ordered.length, RESULTS_FIRST));
  const total = ordered.length;
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown((n) => nextShown(n, total)));
    return () => cancelAnimationFrame(frame);
  }, [shown, total]);
  return (
    // Focusable, so a keyboard can scroll a long list that has no button in it.
    <ul className="import-results" aria-label="Import results" tabIndex={0} aria-busy={shown < total || undefined}>
      {ordered.slice(0, shown).map((item) => (
        <ResultItem key={item.key} item={item} onOpenSource={onOpenSource} />
      ))}
    </ul>
  );
}

function ResultItem({ item, onOpenSource }: { item: ImportItem; onOpenSource: (id: Id) => void }) {
  const { outcome } = item;
  let text: string;
  let sourceId: Id | null = null;
  switch (outcome.status) {
    case 'imported':
      text = `Imported as “${outcome.title}”`;
      sourceId = outcome.sourceId;
      break;
    case 'duplicate':
      text = `Already in the notebook as “${outcome.title}”`;
      sourceId = outcome.sourceId;
      break;
    case 'failed':
      text = `Failed: ${reasonFor(item.name, outcome.reason)}`;
      break;
    case 'skipped':
      text = `Skipped: ${reasonFor(item.name, outcome.reason)}`;
      break;
    case 'cancelled':
      text = 'Not imported: the import was cancelled';
      break;
    default:
      text = 'Waiting';
  }
  return (
    <li className={`import-result import-${outcome.status}`}>
      <span className="import-result-text">
        <span className="import-file">{item.name}</span>
        <span className="import-outcome">{text}</span>
      </span>
      {sourceId && (
        <button type="button" className="button button-small" onClick={() => onOpenSource(sourceId)}>
          Open
        </button>
      )}
    </li>
  );
}

/** Shown over the window while files are dragged over it: a labelled region, so assistive technology can read what may be dropped. */
export function DropOverlay() {
  return (
    <section className="drop-overlay" aria-label="Drop files to import">
      <div className="drop-overlay-card">
        <span className="drop-overlay-icon" aria-hidden="true">
          ⤓
        </span>
        Drop files to import
        <span className="drop-overlay-hint">Web pages, PDF, Word, Markdown and text files, or a folder of them</span>
        <span className="drop-overlay-hint">A notebook bundle to merge, or a Web Annotation or CSL-JSON file</span>
      </div>
    </section>
  );
}
