// The command palette (Ctrl/Cmd+Shift+P, F1): every action of the window, found by typing words
// of its name, with its keys; what cannot run now is shown greyed with the reason. The focus stays
// in the searchbox (↑/↓ move the active command via aria-activedescendant, Enter runs it, Escape
// closes). Never runs a command while its own dialog is still open.
import './commands.css';
import { Fragment, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { plural } from '../ui/format.js';
import { filterCommands, formatShortcut, onPlatform, type Command } from './commands.js';
import { keepSourceSelection, restoreSelection } from './window-keys.js';

export interface CommandPaletteProps<C> {
  commands: readonly Command<C>[];
  /** What the app knows now: read when the palette opens (for what is available) and again to run. */
  context: () => C;
  onClose: () => void;
}

export function CommandPalette<C>({ commands, context, onClose }: CommandPaletteProps<C>) {
  const id = useId();
  // The reader's selection, which the searchbox takes away, goes back before a command runs
  // (Save excerpt needs it) or when the palette closes.
  const [kept] = useState(keepSourceSelection);
  const [snapshot] = useState(context);
  const [query, setQuery] = useState('');
  const [said, setSaid] = useState('');
  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  const reasons = useMemo(() => new Map(commands.map((c) => [c.id, c.disabled?.(snapshot) ?? null])), [commands, snapshot]);
  const firstAvailable = Math.max(
    0,
    shown.findIndex((c) => !reasons.get(c.id)),
  );
  const [active, setActive] = useState(firstAvailable);
  const current = shown[Math.min(active, shown.length - 1)];
  const optionId = (command: Command<C>) => `${id}-${command.id}`;
  const activeId = current ? optionId(current) : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const close = (then?: () => void) => {
    onClose();
    // After the dialog has closed and given the focus back, so the command acts where the analyst was.
    setTimeout(() => {
      restoreSelection(kept);
      then?.();
    }, 0);
  };

  const choose = (command: Command<C>) => {
    const reason = reasons.get(command.id);
    if (reason) {
      setSaid(`${command.title} is not available: ${reason}`);
      return;
    }
    close(() => command.run(context()));
  };

  const onType = (value: string) => {
    setQuery(value);
    const next = filterCommands(commands, value);
    setActive(Math.max(
      0,
      next.findIndex((c) => !reasons.get(c.id)),
    ));
    setSaid(value.trim() ? (next.length ? plural(next.length, 'command') : `No command matches “${value.trim()}”.`) : '');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      // A search field's Escape would only clear what was typed; here it closes, as the palette promises.
      event.preventDefault();
      close();
      return;
    }
    if (!shown.length) return;
    const at = Math.min(active, shown.length - 1);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((at + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (current) choose(current);
    }
  };

  return (
    <Dialog title="Commands" onCancel={() => close()} wide>
      <div className="palette">
        <input
          type="search"
          className="palette-search"
          aria-label="Type a command"
          placeholder="Type a command"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={query}
          aria-controls={shown.length ? `${id}-list` : undefined}
          aria-activedescendant={activeId}
          aria-describedby={`${id}-how`}
          onChange={(e) => onType(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id={`${id}-how`} className="hint">
          Words in any order. ↑ ↓ choose, Enter runs, Esc closes.
        </p>
        <p role="status" className="visually-hidden">
          {said}
        </p>
        {shown.length ? (
          <ul role="listbox" id={`${id}-list`} aria-label="Matching commands" className="palette-list">
            {shown.map((command) => {
              const reason = reasons.get(command.id);
              const keys = onPlatform(command.shortcuts).map((s) => formatShortcut(s));
              const selected = command === current;
              // Named by its content, the title and the keys as they read on screen ("Link excerpt to
              // claim, Ctrl+L"); the group is only a visual aid, the reason the option's description.
              return (
                <li
                  key={command.id}
                  id={optionId(command)}
                  role="option"
                  aria-selected={selected}
                  aria-disabled={reason ? true : undefined}
                  aria-describedby={reason ? `${optionId(command)}-why` : undefined}
                  className={`palette-option${selected ? ' palette-option-active' : ''}${reason ? ' palette-option-disabled' : ''}`}
                  onMouseMove={() => !selected && setActive(shown.indexOf(command))}
                  onClick={() => choose(command)}
                >
                  <span className="palette-title">
                    {command.title}
                    {keys.length > 0 && <span className="palette-comma">,</span>}
                  </span>
                  <span className="palette-group" aria-hidden="true">
                    {command.group}
                  </span>
                  {keys.length > 0 && (
                    <span className="palette-keys">
                      {keys.map((k, i) => (
                        <Fragment key={k}>
                          {i > 0 && <span className="palette-or"> or </span>}
                          <kbd className="palette-kbd">{k}</kbd>
                        </Fragment>
                      ))}
                    </span>
                  )}
                  {reason && (
                    <span id={`${optionId(command)}-why`} className="palette-reason" aria-hidden="true">
                      {reason}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="empty palette-empty">No command matches “{query.trim()}”. Try another word, or fewer.</p>
        )}
      </div>
    </Dialog>
  );
}
