import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cancelOnSignals, type SignalSource } from './cancel-on-signals.js';

/** A stand-in for `process`: signals are emitted by the test, `exit` throws instead of ending the runner. */
function fakeProcess(): SignalSource & { readonly emitter: EventEmitter; readonly written: string[] } {
  const emitter = new EventEmitter();
  const written: string[] = [];
  return {
    emitter,
    written,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    exit: (code: number): never => {
      throw new Error(`exit ${code}`);
    },
    stderr: { write: (text: string) => written.push(text) },
  };
}

describe('cancelOnSignals', () => {
  it('aborts on the first Ctrl-C and exits with 130 on the second', () => {
    const source = fakeProcess();
    const { signal, dispose } = cancelOnSignals(source);
    const reasons: string[] = [];
    signal.addEventListener('abort', () => reasons.push(String((signal.reason as Error).message)));
    source.emitter.emit('SIGINT');
    expect(signal.aborted).toBe(true);
    expect(reasons).toEqual(['Cancelled by SIGINT']);
    expect(source.written.join('')).toContain('Received SIGINT: cancelling running queries (press Ctrl-C again to exit at once).');
    expect(() => source.emitter.emit('SIGINT')).toThrow('exit 130');
    dispose();
    expect(source.emitter.listenerCount('SIGINT')).toBe(0);
    expect(source.emitter.listenerCount('SIGTERM')).toBe(0);
  });

  it('treats SIGTERM like Ctrl-C', () => {
    const source = fakeProcess();
    const { signal } = cancelOnSignals(source);
    signal.addEventListener('abort', () => undefined);
    source.emitter.emit('SIGTERM');
    expect((signal.reason as Error).message).toBe('Cancelled by SIGTERM');
  });

  it('exits at once when nothing can be cancelled (no run in progress)', () => {
    const source = fakeProcess();
    const { signal } = cancelOnSignals(source);
    expect(() => source.emitter.emit('SIGINT')).toThrow('exit 130');
    expect(signal.aborted).toBe(false);
  });
});
