// Notifications for things that happened away from a dialog: an error from a shortcut, a status
// after an action. Errors stay until dismissed; status messages fade. Never the only place an
// error inside a dialog is shown (dialogs show their own, next to the input).
import { useSyncExternalStore } from 'react';

/** A button on a notification that does the obvious next thing ("Open"). */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: 'status' | 'error';
  message: string;
  action?: ToastAction;
}

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const STATUS_MS = 4000;
/** A status with a button stays longer: long enough to reach the button. */
const ACTION_MS = 10_000;

function emit(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

export function notify(kind: Toast['kind'], message: string, action?: ToastAction): void {
  const toast: Toast = { id: nextId++, kind, message, ...(action ? { action } : {}) };
  // One status at a time (the newest is what the analyst just did); errors stay until dismissed,
  // the newest few of them.
  const kept = kind === 'status' ? toasts.filter((t) => t.kind === 'error') : toasts.filter((t) => t.message !== message);
  emit([...kept, toast].slice(-4));
  if (kind === 'status') setTimeout(() => dismiss(toast.id), action ? ACTION_MS : STATUS_MS);
}

export function dismiss(id: number): void {
  if (toasts.some((t) => t.id === id)) emit(toasts.filter((t) => t.id !== id));
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}
