// What a launch asks to open: the running app gets it from a second launch (focusing its window
// and opening that notebook, or offering to merge that bundle), and a first launch reads it too.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openRequestOf, requestForPath, requestFromSecondInstance, type SecondInstanceData } from '../../../electron/second-instance.js';

const CWD = '/home/ann/research';

describe('openRequestOf', () => {
  it('opens the --notebook folder, resolved against the launch’s folder, in either spelling', () => {
    expect(openRequestOf(['--notebook', 'Korea arms.corroborate'], CWD)).toEqual({ kind: 'notebook', path: '/home/ann/research/Korea arms.corroborate' });
    expect(openRequestOf(['--notebook=/data/x.corroborate'], CWD)).toEqual({ kind: 'notebook', path: '/data/x.corroborate' });
  });

  it('opens a path the operating system passed: a notebook folder, or a bundle to merge', () => {
    expect(openRequestOf(['/media/usb/Sanctions.corroborate'], CWD)).toEqual({ kind: 'notebook', path: '/media/usb/Sanctions.corroborate' });
    expect(openRequestOf(['../Downloads/korea.corroborate.json'], CWD)).toEqual({ kind: 'bundle', path: '/home/ann/Downloads/korea.corroborate.json' });
    expect(openRequestOf(['KOREA.CORROBORATE.JSON'], CWD)).toMatchObject({ kind: 'bundle' });
  });

  it('reads the file:// URL a Linux desktop file passes', () => {
    const url = pathToFileURL('/home/ann/Downloads/Korea arms.corroborate.json').href;
    expect(openRequestOf([url], CWD)).toEqual({ kind: 'bundle', path: '/home/ann/Downloads/Korea arms.corroborate.json' });
  });

  it('skips the switches Chromium and the OS add, and the values of our own flags', () => {
    expect(openRequestOf(['--no-sandbox', '-psn_0_12345', '--port', '8080', '--config-dir', '/tmp/cfg', 'x.corroborate'], CWD)).toEqual({ kind: 'notebook', path: '/home/ann/research/x.corroborate' });
    expect(openRequestOf(['--notebook', 'a.corroborate', 'b.corroborate.json'], CWD)).toEqual({ kind: 'notebook', path: '/home/ann/research/a.corroborate' });
  });

  it('asks for nothing when the launch names nothing (or only a web address)', () => {
    expect(openRequestOf([], CWD)).toBeNull();
    expect(openRequestOf(['--no-sandbox', '--enable-logging'], CWD)).toBeNull();
    expect(openRequestOf(['https://example.org/report.html'], CWD)).toBeNull();
    expect(openRequestOf(['--notebook'], CWD)).toBeNull();
  });
});

describe('requestFromSecondInstance', () => {
  it('takes what the second launch worked out itself', () => {
    const data: SecondInstanceData = { request: requestForPath('/home/ann/b.corroborate.json') };
    expect(requestFromSecondInstance(data, ['/opt/Corroborate/corroborate', '--no-sandbox'], '/', 1)).toEqual({ kind: 'bundle', path: '/home/ann/b.corroborate.json' });
    expect(requestFromSecondInstance({ request: null }, ['/opt/Corroborate/corroborate', '/x.corroborate'], '/', 1)).toBeNull();
  });

  it('reads the argv when the second launch sent nothing usable (an older version, a relative path, a wrong shape)', () => {
    const argv = ['/usr/bin/electron', '/app/dist/electron/main.js', '--notebook', 'k.corroborate'];
    const expected = { kind: 'notebook', path: '/home/ann/k.corroborate' };
    expect(requestFromSecondInstance(undefined, argv, '/home/ann', 2)).toEqual(expected);
    expect(requestFromSecondInstance({ notebook: '/old/shape.corroborate' }, argv, '/home/ann', 2)).toEqual(expected);
    expect(requestFromSecondInstance({ request: { kind: 'notebook', path: 'relative.corroborate' } }, argv, '/home/ann', 2)).toEqual(expected);
    expect(requestFromSecondInstance({ request: { kind: 'format-disk', path: '/' } }, argv, '/home/ann', 2)).toEqual(expected);
  });
});
