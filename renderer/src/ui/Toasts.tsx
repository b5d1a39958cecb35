// The notification area: status messages in a polite live region, errors each as an alert.
import { dismiss, useToasts } from './toasts.js';

export function Toasts() {
  const toasts = useToasts();
  return (
    <div className="toasts">
      <div role="status" className="toast-stack">
        {toasts
          .filter((t) => t.kind === 'status')
          .map((t) => (
            <div key={t.id} className="toast toast-status">
              <span>{t.message}</span>
              <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
      {toasts
        .filter((t) => t.kind === 'error')
        .map((t) => (
          <div key={t.id} role="alert" className="toast toast-error">
            <span>{t.message}</span>
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
    </div>
  );
}
