// The window's side of the command registry: the one keydown listener that runs commands, moving
// the focus from pane to pane (F6), and reading or keeping the reader's selection for the palette.
// Never handles a key a field, a dialog or another part of the app has taken (defaultPrevented).
import { useEffect, type RefObject } from 'react';
import { hasOwnUndo, isMac, isTyping } from '../ui/format.js';
import { commandForKey, type Command, type KeyTarget } from './commands.js';

/** Widgets that read plain keys themselves (type-ahead, arrow keys): a letter there is theirs. */
const COMPOSITE = '[role="menu"], [role="menubar"], [role="listbox"], [role="grid"], [role="tree"], [role="treegrid"], [role="tablist"], [role="radiogroup"], [role="slider"], [role="spinbutton"]';

export function keyTarget(target: EventTarget | null): KeyTarget {
  const inWidget = target instanceof Element && target.closest(COMPOSITE) !== null;
  return {
    typing: isTyping(target) || inWidget,
    ownUndo: hasOwnUndo(target),
    dialogOpen: document.querySelector('dialog[open]') !== null,
  };
}

export interface CommandSource<C> {
  commands: readonly Command<C>[];
  /** What the app knows now (read when a key is pressed, not when the window last rendered). */
  context: () => C;
}

/**
 * Runs the command a key press asks for. A command that cannot run now still takes its key and
 * says why (`onUnavailable`), rather than doing nothing the analyst can see.
 */
export function useCommandKeys<C>(source: RefObject<CommandSource<C> | null>, onUnavailable: (reason: string) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = source.current;
      if (!current || event.defaultPrevented || event.isComposing) return;
      const command = commandForKey(current.commands, event, keyTarget(event.target));
      if (!command) return;
      event.preventDefault();
      const context = current.context();
      const reason = command.disabled?.(context) ?? null;
      if (reason) onUnavailable(reason);
      else command.run(context);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
    // The source is a ref: read at each key press.
  }, [source, onUnavailable]);
}

const SOURCE_TEXT = '[aria-label="Source text"]';

/** Whether a passage of the reader's source text is selected. */
export function isSourceTextSelected(): boolean {
  const selection = window.getSelection();
  const text = document.querySelector(SOURCE_TEXT);
  if (!selection || !text || selection.isCollapsed || selection.rangeCount === 0) return false;
  return text.contains(selection.anchorNode) && text.contains(selection.focusNode) && selection.toString().trim() !== '';
}

/** The selection in the source text, kept while a dialog (the palette) takes the focus. */
export function keepSourceSelection(): Range | null {
  return isSourceTextSelected() ? window.getSelection()!.getRangeAt(0).cloneRange() : null;
}

export function restoreSelection(range: Range | null): void {
  if (!range || !range.startContainer.isConnected || !range.endContainer.isConnected) return;
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * Asks the reader to save the selected passage by pressing its key (Ctrl/Cmd+E) where the focus
 * is: the reader owns saving (it knows the text and its layout), and this way the palette and the
 * key can never save differently.
 */
export function pressSaveExcerptKey(): void {
  const target = document.activeElement instanceof HTMLElement && !isTyping(document.activeElement) ? document.activeElement : document.body;
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', code: 'KeyE', ctrlKey: !isMac, metaKey: isMac, bubbles: true, cancelable: true }));
}

// ----- Panes (F6) -----

/** The panes in the order F6 visits them: library, the centre view, inspector (when shown). */
function panes(): HTMLElement[] {
  const row = document.querySelector('.panes');
  if (!row) return [];
  return Array.from(row.children).filter((el): el is HTMLElement => el instanceof HTMLElement && el.classList.contains('pane'));
}

const TABBABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function visible(el: Element): boolean {
  return el.getClientRects().length > 0 && !el.closest('[hidden], [inert]');
}

/** Where the focus was last in each pane, so F6 comes back to it as desktop apps do. */
const lastFocus = new WeakMap<HTMLElement, HTMLElement>();

/** Starts remembering the last focused element of each pane; returns what stops it. */
export function trackPaneFocus(): () => void {
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const pane = panes().find((p) => p.contains(target));
    if (pane && target !== pane) lastFocus.set(pane, target);
  };
  document.addEventListener('focusin', onFocusIn);
  return () => document.removeEventListener('focusin', onFocusIn);
}

/** Remembers the last focused element of each pane while the window is up. */
export function usePaneFocusMemory(): void {
  useEffect(trackPaneFocus, []);
}

/**
 * Where the focus lands in a pane: where it last was; else the source text (the reader's place
 * to work); else the current item of a list; else the first control; else the pane itself.
 */
function landingIn(pane: HTMLElement): HTMLElement {
  const last = lastFocus.get(pane);
  if (last && last.isConnected && pane.contains(last) && visible(last) && !last.matches(':disabled')) return last;
  const preferred = pane.querySelector<HTMLElement>(`${SOURCE_TEXT}, [aria-current="true"]`);
  if (preferred && visible(preferred)) return preferred;
  const first = Array.from(pane.querySelectorAll<HTMLElement>(TABBABLE)).find(visible);
  if (first) return first;
  // A pane with nothing to focus (the empty inspector) still takes the focus, so F6 is never lost.
  pane.tabIndex = -1;
  return pane;
}

/** Moves the focus to the next (1) or previous (-1) pane, going round; from outside them, to the first or last. */
export function focusPane(step: 1 | -1): void {
  const all = panes();
  if (!all.length) return;
  const active = document.activeElement;
  const at = all.findIndex((p) => p.contains(active));
  const next = at < 0 ? (step === 1 ? all[0]! : all.at(-1)!) : all[(at + step + all.length) % all.length]!;
  landingIn(next).focus();
}
