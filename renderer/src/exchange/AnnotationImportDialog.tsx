// What File ▸ Import annotations… did: how many annotations became excerpts (exactly or by fuzzy
// quote match), how many were already there, and every one that could not be anchored, with its
// quote and the reason, kept on screen until the analyst closes it. Nothing orphaned is dropped
// silently or placed anywhere.
import { useId } from 'react';
import type { AnnotationImport } from '../../../notebook/common/api.js';
import { Dialog } from '../ui/Dialog.js';
import { MOD } from '../ui/format.js';
import './exchange.css';

export function AnnotationImportDialog({
  filename,
  sourceTitle,
  result,
  onClose,
}: {
  filename: string;
  /** The source the annotations were put on; null when each annotation's own target chose it. */
  sourceTitle: string | null;
  result: AnnotationImport;
  onClose: () => void;
}) {
  const id = useId();
  const exact = result.anchored - result.fuzzy;
  return (
    <Dialog title="Import annotations" onCancel={onClose} wide>
      <div className="dialog-form">
        <p className="merge-file">
          From <span className="merge-filename">{filename}</span>
          {sourceTitle ? (
            <>
              , onto <cite>{sourceTitle}</cite>
            </>
          ) : (
            ', onto the sources their targets name'
          )}
        </p>
        <dl className="merge-counts">
          <div>
            <dt>Anchored exactly</dt>
            <dd>{exact}</dd>
          </div>
          <div>
            <dt>Anchored by fuzzy quote match</dt>
            <dd>{result.fuzzy}</dd>
          </div>
          <div>
            <dt>Already here (skipped)</dt>
            <dd>{result.skipped}</dd>
          </div>
          <div>
            <dt>Orphaned</dt>
            <dd>{result.orphaned.length}</dd>
          </div>
        </dl>
        {result.applied && (
          <p className="hint">
            The new excerpts are in the reader. {MOD}Z takes the whole import back.
          </p>
        )}
        {result.orphaned.length > 0 && (
          <section aria-labelledby={`${id}-orphans`} className="import-orphans">
            <h3 id={`${id}-orphans`} className="merge-conflicts-title">
              Not anchored
            </h3>
            <p className="hint">These annotations were not imported: their quote could not be found in the text, or they name no source here.</p>
            <ul aria-label="Orphaned annotations" className="import-orphan-list">
              {result.orphaned.map((o, i) => (
                <li key={`${o.ref}-${i}`} className="import-orphan">
                  {o.exact ? <blockquote className="dialog-quote">{o.exact}</blockquote> : <p className="muted">(no quote)</p>}
                  <p className="import-orphan-reason">
                    <span className="import-orphan-ref">{o.ref}</span>: {o.reason}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
