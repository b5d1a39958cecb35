// The page's side of the native menu (Electron): what a menu command may do while a dialog is
// open, and the menu's Undo and Redo, which belong to the text field being typed in, if any.
// Never opens anything itself; App.tsx runs the commands.
import { hasOwnUndo } from '../ui/format.js';

/** Commands that act where the focus is, or change nothing the analyst typed: they run under a dialog too. */
const ALLOWED_UNDER_DIALOG = new Set(['undo', 'redo', 'theme']);

/** The name of the open dialog, as its heading or label says it. */
function openDialogName(): string | null {
  const dialog = document.querySelector('dialog[open]');
  if (!dialog) return null;
  const labelledBy = dialog.getAttribute('aria-labelledby');
  const heading = labelledBy ? document.getElementById(labelledBy.split(/\s+/)[0] ?? '') : null;
  return (heading?.textContent ?? dialog.getAttribute('aria-label') ?? '').trim();
}

/**
 * Why a menu command does not run now, or null: while a dialog is open, a command that would open
 * another in its place waits, so nothing typed in the open one is lost.
 */
export function menuCommandBlocked(command: string): string | null {
  if (ALLOWED_UNDER_DIALOG.has(command)) return null;
  const name = openDialogName();
  if (name === null) return null;
  return name ? `Close the “${name}” dialog first: it keeps what you typed until you do.` : 'Close the open dialog first: it keeps what you typed until you do.';
}

/**
 * The menu's Undo or Redo: in a text field, the field's own (its typing, as its key would do;
 * macOS hands Cmd+Z to the menu when the page leaves the key to the field); elsewhere the notebook's.
 */
export function undoInFieldOr(command: 'undo' | 'redo', notebookAction: () => void): void {
  if (hasOwnUndo(document.activeElement)) document.execCommand(command);
  else notebookAction();
}
