// @vitest-environment jsdom
// The native menu's commands in the page: an open dialog is never replaced by another (what was
// typed in it stays), and the menu's Undo and Redo undo a text field's typing when one has the focus.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { menuCommandBlocked, undoInFieldOr } from '../../../renderer/src/commands/menu-commands.js';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('menuCommandBlocked', () => {
  it('lets every command run when no dialog is open', () => {
    document.body.innerHTML = '<dialog><h2>Add source</h2></dialog>';
    for (const command of ['search', 'open-notebook', 'export', 'undo']) expect(menuCommandBlocked(command)).toBeNull();
  });

  it('keeps an open dialog, naming it, instead of opening another', () => {
    document.body.innerHTML = '<dialog open aria-labelledby="t"><h2 id="t">Add source</h2><textarea>typed</textarea></dialog>';
    expect(menuCommandBlocked('search')).toBe('Close the “Add source” dialog first: it keeps what you typed until you do.');
    expect(menuCommandBlocked('open-notebook')).toMatch(/Add source/);
  });

  it('still lets Undo, Redo and Toggle theme through under a dialog', () => {
    document.body.innerHTML = '<dialog open aria-label="Keyboard shortcuts"></dialog>';
    for (const command of ['undo', 'redo', 'theme']) expect(menuCommandBlocked(command)).toBeNull();
    expect(menuCommandBlocked('export')).toMatch(/Keyboard shortcuts/);
  });
});

describe('undoInFieldOr', () => {
  it("undoes the text field's typing when a field has the focus, leaving the notebook alone", () => {
    document.body.innerHTML = '<input id="title" type="text" value="Wire report">';
    document.getElementById('title')!.focus();
    const exec = vi.fn(() => true);
    document.execCommand = exec;
    const notebookUndo = vi.fn();
    undoInFieldOr('undo', notebookUndo);
    undoInFieldOr('redo', notebookUndo);
    expect(exec.mock.calls).toEqual([['undo'], ['redo']]);
    expect(notebookUndo).not.toHaveBeenCalled();
  });

  it("undoes the notebook's last change anywhere else (a button, a select, nothing focused)", () => {
    document.body.innerHTML = '<button id="b">Add source</button><select id="s"><option>a</option></select>';
    const exec = vi.fn(() => true);
    document.execCommand = exec;
    const notebookUndo = vi.fn();
    undoInFieldOr('undo', notebookUndo);
    document.getElementById('b')!.focus();
    undoInFieldOr('undo', notebookUndo);
    document.getElementById('s')!.focus();
    undoInFieldOr('undo', notebookUndo);
    expect(notebookUndo).toHaveBeenCalledTimes(3);
    expect(exec).not.toHaveBeenCalled();
  });
});
