// "Suggest claims for this source" in the command registry: there only when the window can open the
// Suggestions panel, refused without an open source, and run on the source the reader shows.
import { describe, expect, it } from 'vitest';
import { appCommands, type AppActions, type AppContext } from '../../../renderer/src/commands/app-commands.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

/** Actions that do nothing, except the ones a test gives. */
const actions = (given: Partial<AppActions> = {}): AppActions => new Proxy(given, { get: (target, name) => (name in target ? (target as Record<string | symbol, unknown>)[name] : () => {}) }) as AppActions;

function context(f: NotebookBuilder, sourceId: string | null): AppContext {
  return { notebook: f.nb, readOnly: null, canUndo: false, canRedo: false, sourceId, selectedExcerptId: null, inspected: null, textSelected: false, view: 'board', inspectorHidden: false };
}

describe('the Suggest claims command', () => {
  it('is offered only when the window can show suggestions', () => {
    const without = appCommands(actions({ suggestClaims: undefined }));
    expect(without.find((c) => c.id === 'source.suggest')).toBeUndefined();
    const command = appCommands(actions({ suggestClaims: () => {} })).find((c) => c.id === 'source.suggest');
    expect(command?.title).toBe('Suggest claims for this source');
  });

  it('needs an open source, and opens the panel on it (from any view)', () => {
    const f = new NotebookBuilder();
    const wire = f.source('Harbour report');
    const asked: string[] = [];
    const command = appCommands(actions({ suggestClaims: (id) => asked.push(id) })).find((c) => c.id === 'source.suggest')!;
    expect(command.disabled?.(context(f, null))).toBe('Open a source first.');
    expect(command.disabled?.(context(f, wire))).toBeNull();
    command.run(context(f, wire));
    expect(asked).toEqual([wire]);
  });
});
