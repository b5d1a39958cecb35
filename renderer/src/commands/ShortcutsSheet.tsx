// The shortcuts sheet ("?"): every key of the window, generated from the command registry and the
// key lists the reader's text and the Link dialog listen for, so it cannot drift from what works.
// Shows the keys of the platform it runs on; never lists a command the window does not have.
import './commands.css';
import { Fragment, useId } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { KEYS } from './app-commands.js';
import { formatShortcut, formatShortcuts, onPlatform, shortcutSections, type Command, type Shortcut } from './commands.js';

function Keys({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const shown = onPlatform(shortcuts);
  return (
    <>
      {shown.map((s, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="shortcuts-or"> or </span>}
          <kbd className="shortcuts-kbd">{formatShortcut(s)}</kbd>
        </Fragment>
      ))}
    </>
  );
}

export function ShortcutsSheet<C>({ commands, onClose }: { commands: readonly Command<C>[]; onClose: () => void }) {
  const id = useId();
  const sections = shortcutSections(commands);
  return (
    <Dialog title="Keyboard shortcuts" onCancel={onClose} wide>
      <div className="shortcuts-body" tabIndex={0} role="region" aria-labelledby={`${id}-about`} data-autofocus>
        <p id={`${id}-about`} className="hint shortcuts-about">
          Shortcuts work when you are not typing in a field. Every action, with keys or without, is in Commands ({formatShortcuts(KEYS.palette)}).
        </p>
        <div className="shortcuts-sections">
          {sections.map((section) => (
            <table key={section.title} className="shortcuts-table">
              <caption>{section.title}</caption>
              <thead className="visually-hidden">
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Keys</th>
                </tr>
              </thead>
              <tbody>
                {section.keys.map((key) => (
                  <tr key={key.title}>
                    <th scope="row">{key.title}</th>
                    <td>
                      <Keys shortcuts={key.shortcuts} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
