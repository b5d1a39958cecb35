import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type Handlers, type Outcome } from '../../../notebook/common/api.js';

// electron itself cannot load here (no binary): ipcMain is replaced by a recorder.
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  listeners: new Map<string, (event: { returnValue?: unknown }) => void>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
    on: (channel: string, fn: (event: { returnValue?: unknown }) => void) => ipc.listeners.set(channel, fn),
    off: (channel: string) => ipc.listeners.delete(channel),
  },
}));

const { registerIpc } = await import('../../../electron/ipc.js');

const APP = 'app://corroborate';
let ran: string[] = [];
const handlers = {
  getNotebook: () => {
    ran.push('getNotebook');
    return { seq: 1 };
  },
  openNotebook: ({ path }: { path: string }) => {
    ran.push(`openNotebook ${path}`);
    return { seq: 2 };
  },
} as unknown as Handlers;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  isDestroyed(): boolean;
}
const frame = (url: string, parent: FakeFrame | null = null, destroyed = false): FakeFrame => ({ url, parent, isDestroyed: () => destroyed });
const invoke = (name: string, senderFrame: FakeFrame | null, input: unknown): Promise<Outcome> => {
  const fn = ipc.handlers.get(`corroborate:${name}`);
  if (!fn) throw new Error(`no handler for ${name}`);
  return fn({ senderFrame }, input) as Promise<Outcome>;
};

let dispose: () => void;
beforeEach(() => {
  ran = [];
  dispose?.();
  dispose = registerIpc(() => handlers, APP);
});

describe('registerIpc', () => {
  it('binds one channel per API method, and the method list for the preload', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((n) => `corroborate:${n}`).sort());
    const event: { returnValue?: unknown } = {};
    ipc.listeners.get('corroborate:methods')?.(event);
    expect(event.returnValue).toEqual(METHOD_NAMES);
  });

  it('runs a call from the main frame of the app page', async () => {
    expect(await invoke('getNotebook', frame('app://corroborate/index.html#/claims'), {})).toEqual({ ok: true, result: { seq: 1 } });
    expect(ran).toEqual(['getNotebook']);
  });

  it('refuses calls from a subframe, another page, or a frame that is gone, without running them', async () => {
    const app = frame('app://corroborate/index.html');
    for (const sender of [frame('app://corroborate/index.html', app), frame('https://evil.example/'), frame('app://corroborate/assets/x.html'), frame('app://corroborate/index.html', null, true), null]) {
      const outcome = await invoke('openNotebook', sender, { path: '/tmp/x' });
      expect(outcome).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/refused openNotebook: the call did not come from Corroborate's own page/) } });
    }
    expect(ran).toEqual([]);
  });

  it('validates the input before a handler sees it', async () => {
    const outcome = await invoke('openNotebook', frame('app://corroborate/index.html'), { path: 42 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('openNotebook: path') } });
    expect(ran).toEqual([]);
  });

  it('removes every channel when disposed', () => {
    dispose();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listeners.size).toBe(0);
    dispose = registerIpc(() => handlers, APP);
  });
});
