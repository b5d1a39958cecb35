// @vitest-environment jsdom
// The window's side of the commands, on a small DOM shaped like the app's: where a key press
// counts as typing, and where F6 and Shift+F6 put the focus (library → centre view → inspector).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { focusPane, isSourceTextSelected, keyTarget, trackPaneFocus } from '../../../renderer/src/commands/window-keys.js';

/** The three panes as App.tsx lays them out, with a few controls in each. */
function window3(): void {
  document.body.innerHTML = `
    <header><button id="file">File</button></header>
    <div class="panes">
      <aside class="pane library" aria-label="Library">
        <button id="add">Add source</button>
        <button id="current" aria-current="true">Wire report</button>
        <input id="filter" type="text" aria-label="Filter">
        <ul role="listbox" aria-label="Tags"><li id="option" role="option" tabindex="-1">weapons</li></ul>
      </aside>
      <main class="pane reader" aria-label="Reader">
        <button id="details">Source details</button>
        <article id="text" aria-label="Source text" tabindex="0"><p id="para">Kim Yo Jong called the accusation absurd.</p></article>
        <select id="select"><option>a</option></select>
      </main>
      <aside class="pane inspector" aria-label="Inspector"><h2>Nothing selected</h2></aside>
    </div>`;
}

const focusedId = () => (document.activeElement as HTMLElement | null)?.id || (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');

beforeEach(() => {
  window3();
  // jsdom lays nothing out; everything in this window counts as on screen.
  Element.prototype.getClientRects = function () {
    return [{ width: 1, height: 1 }] as unknown as DOMRectList;
  };
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('where a key press happens', () => {
  it('counts a text field as typing with its own undo, a select as typing without one', () => {
    expect(keyTarget(document.getElementById('filter'))).toEqual({ typing: true, ownUndo: true, dialogOpen: false });
    expect(keyTarget(document.getElementById('select'))).toEqual({ typing: true, ownUndo: false, dialogOpen: false });
    expect(keyTarget(document.getElementById('text'))).toEqual({ typing: false, ownUndo: false, dialogOpen: false });
  });

  it('leaves plain keys to a widget that reads them itself (a listbox’s type-ahead)', () => {
    expect(keyTarget(document.getElementById('option')).typing).toBe(true);
  });

  it('sees an open dialog', () => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    expect(keyTarget(document.body).dialogOpen).toBe(true);
  });
});

describe('F6 and Shift+F6', () => {
  it('start at the library (F6) or the inspector (Shift+F6) from outside the panes', () => {
    document.getElementById('file')!.focus();
    focusPane(1);
    // The library's current item, where the analyst left off.
    expect(focusedId()).toBe('current');
    document.getElementById('file')!.focus();
    focusPane(-1);
    expect(focusedId()).toBe('Inspector');
  });

  it('go round the panes, landing on the source text in the reader', () => {
    document.getElementById('add')!.focus();
    focusPane(1);
    expect(focusedId()).toBe('text');
    focusPane(1);
    // The empty inspector has nothing to focus: the pane itself takes it.
    expect(focusedId()).toBe('Inspector');
    focusPane(1);
    expect(focusedId()).toBe('current');
    focusPane(-1);
    expect(focusedId()).toBe('Inspector');
  });

  it('come back to where the focus last was in a pane', () => {
    const stop = trackPaneFocus();
    try {
      document.getElementById('details')!.focus();
      focusPane(1);
      expect(focusedId()).toBe('Inspector');
      focusPane(-1);
      expect(focusedId()).toBe('details');
    } finally {
      stop();
    }
  });
});

describe('the reader’s selection', () => {
  it('is a passage only when it lies in the source text and is not blank', () => {
    const text = document.getElementById('para')!.firstChild!;
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    expect(isSourceTextSelected()).toBe(false);
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 3);
    selection.addRange(range);
    expect(isSourceTextSelected()).toBe(true);
    selection.removeAllRanges();
    const elsewhere = document.createRange();
    elsewhere.selectNodeContents(document.getElementById('file')!);
    selection.addRange(elsewhere);
    expect(isSourceTextSelected()).toBe(false);
  });
});
