// @vitest-environment jsdom
// The page's client over the Electron bridge: the preload answers each call with the Outcome as
// JSON text (the main process never parses it); the client parses it, throws failures with their
// code, and tells the page when the notebook's process stopped and was reopened.
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Outcome } from '../../../notebook/common/api.js';
import { STOPPED_PREFIX as HOST_STOPPED_PREFIX } from '../../../notebook/node/service-worker-host.js';
import type * as ClientModule from '../../../renderer/src/client.js';

const answers = new Map<string, Outcome | string>();
const sent: [string, unknown][] = [];
/** Imported once the bridge is in place: the client picks its transport when it loads. */
let client: typeof ClientModule;

beforeAll(async () => {
  const bridge: Record<string, (input: unknown) => Promise<Outcome | string>> = {};
  for (const name of METHOD_NAMES) {
    bridge[name] = async (input) => {
      sent.push([name, input]);
      return answers.get(name) ?? '{"ok":true,"result":null}';
    };
  }
  (window as unknown as { corroborate: unknown }).corroborate = bridge;
  client = await import('../../../renderer/src/client.js');
});

describe('the client over the Electron bridge', () => {
  it('parses the JSON text the bridge answers with', async () => {
    answers.set('hostInfo', '{"ok":true,"result":{"host":"electron","nativeDialogs":true,"version":"1.2.3"}}');
    expect(await client.client.hostInfo({})).toEqual({ host: 'electron', nativeDialogs: true, version: '1.2.3' });
    expect(sent.at(-1)).toEqual(['hostInfo', {}]);
  });

  it('still takes an Outcome as a value', async () => {
    answers.set('recentNotebooks', { ok: true, result: [] });
    expect(await client.client.recentNotebooks({})).toEqual([]);
  });

  it('throws a failure with its code and message, and says so when the answer is not JSON', async () => {
    answers.set('undo', '{"ok":false,"error":{"code":"read-only","message":"this notebook is open read-only"}}');
    await expect(client.client.undo({})).rejects.toMatchObject({ name: 'ApiError', code: 'read-only', message: 'this notebook is open read-only' });
    answers.set('redo', '<html>');
    await expect(client.client.redo({})).rejects.toMatchObject({ code: 'io', message: 'redo: the notebook answered with something that is not JSON' });
  });

  it('tells the page when the notebook was reopened under it, and only then', async () => {
    expect(client.STOPPED_PREFIX).toBe(HOST_STOPPED_PREFIX);
    let reopened = 0;
    const stop = client.onNotebookReopened(() => reopened++);
    answers.set('apply', JSON.stringify({ ok: false, error: { code: 'io', message: `${HOST_STOPPED_PREFIX} (exit code 1); what it was doing may not have been saved` } }));
    await expect(client.client.apply({ op: { type: 'batch', label: 'x', ops: [] } })).rejects.toMatchObject({ code: 'io' });
    expect(reopened).toBe(1);
    answers.set('apply', '{"ok":false,"error":{"code":"io","message":"the disk is full"}}');
    await expect(client.client.apply({ op: { type: 'batch', label: 'x', ops: [] } })).rejects.toMatchObject({ code: 'io' });
    expect(reopened).toBe(1);
    stop();
    answers.set('apply', JSON.stringify({ ok: false, error: { code: 'io', message: `${HOST_STOPPED_PREFIX} (it ran out of memory)` } }));
    await expect(client.client.apply({ op: { type: 'batch', label: 'x', ops: [] } })).rejects.toMatchObject({ code: 'io' });
    expect(reopened).toBe(1);
  });
});
