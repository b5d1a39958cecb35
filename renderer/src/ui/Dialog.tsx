// A modal dialog on the native <dialog> element: showModal gives the focus trap, the inert page
// behind and Escape for free. Escape (the "cancel" event) always means Cancel, never data loss
// without the analyst asking: the owner decides what closing does.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onCancel, children, wide }: { title: string; onCancel: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element; the field marked data-autofocus is where the
    // analyst starts typing. (React's autoFocus fires before showModal, on a closed dialog.)
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      cancel.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open) dialog.close();
      // Focus goes back where it was, so a keyboard user continues from the button they pressed.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className={wide ? 'dialog dialog-wide' : 'dialog'}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** The error line inside a dialog: an alert, so it is announced, next to the input it is about. */
export function DialogError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="dialog-error">
      {message}
    </p>
  );
}

/** Cancel and the dialog's submit button, in the order and style every dialog uses. */
export function DialogActions({ submit, busy, onCancel }: { submit: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {submit}
      </button>
    </div>
  );
}
