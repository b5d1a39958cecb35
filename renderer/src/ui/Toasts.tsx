// The notification area: status messages in a polite live region, errors each as an alert.
import { dismiss, useToasts, type Toast } from './toasts.js';

function ActionButton({ toast }: { toast: Toast }) {
  if (!toast.action) return null;
  const { label, run } = toast.action;
  return (
    <button
      type="button"
      className="toast-action"
      onClick={() => {
        dismiss(toast.id);
        run();
      }}
    >
      {label}
    </button>
  );
}

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
              <ActionButton toast={t} />
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
            <ActionButton toast={t} />
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
    </div>
  );
}
