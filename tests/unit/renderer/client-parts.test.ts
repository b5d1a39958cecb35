// @vitest-environment jsdom
// The page loads the notebook in parts (getNotebookInParts) over the Electron bridge, here backed by
// a real notebook service: it gets the same notebook as getNotebook, and when the notebook changes
// between two parts it starts again and ends with the notebook as it is now, never a mix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, METHOD_NAMES, type NotebookView, type Outcome } from '../../../notebook/common/api.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { createService, type Service } from '../../../notebook/node/service.js';
import type * as ClientModule from '../../../renderer/src/client.js';

let service: Service;
let root: string;
let client: typeof ClientModule;
/** Every call the page made, by name and input. */
const sent: [string, unknown][] = [];
/** Run once after the bridge answers the next call of this method with this part (then forgotten). */
let afterPart: { part: number; run: () => Promise<void> } | null = null;

function entity(name: string): Operation {
  const t = now();
  return { type: 'create', kind: 'entity', object: { id: newId(), createdAt: t, updatedAt: t, name, kind: 'organisation' } };
}

async function direct<T>(name: string, input: unknown): Promise<T> {
  const outcome = await dispatch(service.handlers, name, input);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as T;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'corroborate-client-parts-'));
  service = await createService({ notebookDir: join(root, 'parts.corroborate'), create: true, host: { host: 'electron', nativeDialogs: true, version: '0' }, partBytes: 1 });
  await direct('apply', { op: { type: 'batch', label: 'entities', ops: ['KCNA', 'Yonhap', 'NK News', 'Reuters', 'AP'].map(entity) } });
  await direct('addTextSource', { title: 'Wire report', text: 'Officials said containers were shipped.' });
  // The preload's bridge: the answer as JSON text, as the main process passes it on.
  const bridge: Record<string, (input: unknown) => Promise<Outcome | string>> = {};
  for (const name of METHOD_NAMES) {
    bridge[name] = async (input) => {
      sent.push([name, input]);
      const answer = JSON.stringify(await dispatch(service.handlers, name, input));
      const then = afterPart;
      if (name === 'getNotebookPart' && then && (input as { part: number }).part === then.part) {
        afterPart = null;
        await then.run();
      }
      return answer;
    };
  }
  (window as unknown as { corroborate: unknown }).corroborate = bridge;
  client = await import('../../../renderer/src/client.js');
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

describe('loading the notebook in parts', () => {
  it('gives the notebook getNotebook gives, asking for each part once, never for the whole', async () => {
    sent.length = 0;
    const view = await client.getNotebookInParts();
    expect(view).toEqual(await direct<NotebookView>('getNotebook', {}));
    // A source and five entities, an object a part: part 0 and six more.
    expect(sent.map(([name, input]) => [name, (input as { part?: number }).part])).toEqual([0, 1, 2, 3, 4, 5, 6].map((part) => ['getNotebookPart', part]));
  });

  it('starts again when the notebook changes between parts, and has the change, without a mix of the two states', async () => {
    sent.length = 0;
    const before = await direct<NotebookView>('getNotebook', {});
    let added = '';
    // Part 2 (the first entity) is answered, then the notebook changes: another window adds an
    // entity and renames the first one, which the page already has in its old state.
    afterPart = {
      part: 2,
      run: async () => {
        const op = entity('Xinhua');
        added = op.type === 'create' ? (op.object.id as string) : '';
        const first = Object.values(before.notebook.entities)[0]!;
        await direct('apply', { op: { type: 'batch', label: 'change', ops: [op, { type: 'update', kind: 'entity', id: first.id, set: { name: 'KCNA Watch', updatedAt: now() } }] } });
      },
    };
    const view = await client.getNotebookInParts();
    const after = await direct<NotebookView>('getNotebook', {});
    expect(view).toEqual(after);
    expect(view.notebook.entities[added]?.name).toBe('Xinhua');
    expect(Object.values(view.notebook.entities).map((e) => e.name)).toContain('KCNA Watch');
    expect(view.seq).toBe(before.seq + 1);
    expect(sent.filter(([, input]) => (input as { part?: number }).part === 0)).toHaveLength(2);
  });

  it('asks for the whole notebook when it keeps changing while the parts are fetched', async () => {
    sent.length = 0;
    let changes = 0;
    const changeAfterPart1 = () => {
      afterPart = {
        part: 1,
        run: async () => {
          changes++;
          await direct('apply', { op: entity(`Agency ${changes}`) });
          changeAfterPart1();
        },
      };
    };
    changeAfterPart1();
    const view = await client.getNotebookInParts();
    afterPart = null;
    expect(view).toEqual(await direct<NotebookView>('getNotebook', {}));
    expect(sent.at(-1)?.[0]).toBe('getNotebook');
  });

  it('passes on any other failure of a part as it is', async () => {
    const real = (window as unknown as { corroborate: Record<string, (input: unknown) => Promise<string>> }).corroborate;
    const original = real.getNotebookPart!;
    real.getNotebookPart = async (input) =>
      (input as { part: number }).part === 2 ? '{"ok":false,"error":{"code":"io","message":"the disk is gone"}}' : original(input);
    try {
      await expect(client.getNotebookInParts()).rejects.toMatchObject({ code: 'io', message: 'the disk is gone' });
    } finally {
      real.getNotebookPart = original;
    }
  });
});
