// What File ▸ Import CSL-JSON… did: how many sources took their details from a CSL item, and the
// items that matched no source, listed so the analyst can add those sources first.
import { useId } from 'react';
import type { CslImport } from '../../../notebook/common/api.js';
import { Dialog } from '../ui/Dialog.js';
import { MOD, plural } from '../ui/format.js';
import './exchange.css';

export function CslImportDialog({ filename, result, onClose }: { filename: string; result: CslImport; onClose: () => void }) {
  const id = useId();
  return (
    <Dialog title="Import CSL-JSON" onCancel={onClose} wide>
      <div className="dialog-form">
        <p className="merge-file">
          From <span className="merge-filename">{filename}</span>
        </p>
        <dl className="merge-counts">
          <div>
            <dt>Sources updated</dt>
            <dd>{result.updated}</dd>
          </div>
          <div>
            <dt>Items that matched no source</dt>
            <dd>{result.unmatched.length}</dd>
          </div>
        </dl>
        <p className="hint">
          A CSL item matches a source by its URL, then its DOI, then its title.
          {result.applied && ` ${MOD}Z takes the update of ${plural(result.updated, 'source')} back.`}
        </p>
        {result.unmatched.length > 0 && (
          <section aria-labelledby={`${id}-unmatched`}>
            <h3 id={`${id}-unmatched`} className="merge-conflicts-title">
              Unmatched items
            </h3>
            <ul aria-labelledby={`${id}-unmatched`} className="import-unmatched-list">
              {result.unmatched.map((title, i) => (
                <li key={`${title}-${i}`}>{title}</li>
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
