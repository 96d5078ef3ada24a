/**
 * Ctrl-C for the command line: the first SIGINT or SIGTERM aborts the returned signal, so the
 * running command stops scheduling nodes, cancels the statements in flight (Snowflake gets an
 * abort request) and closes its sessions before it exits non-zero. A second signal exits at
 * once, for when the database does not answer the cancel.
 */
import { getEventListeners } from 'node:events';

/** The part of `process` this needs; injected so tests can send signals without killing the test runner. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): never;
  readonly stderr: { write(text: string): unknown };
}

export interface SignalCancellation {
  readonly signal: AbortSignal;
  /** Remove the handlers (the command finished). */
  dispose(): void;
}

/** 130 is the shell's exit code for a process ended by SIGINT (128 + 2). */
const EXIT_CODE_INTERRUPTED = 130;

export function cancelOnSignals(source: SignalSource = process): SignalCancellation {
  const controller = new AbortController();
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => (): void => {
    if (controller.signal.aborted) {
      source.stderr.write('\nStopping now without waiting for the database.\n');
      source.exit(EXIT_CODE_INTERRUPTED);
    }
    // Nothing is listening (still loading the project, or a command that cannot be cancelled,
    // like `docs serve`): behave like the default handler and exit.
    if (getEventListeners(controller.signal, 'abort').length === 0) source.exit(EXIT_CODE_INTERRUPTED);
    source.stderr.write(`\nReceived ${name}: cancelling running queries (press Ctrl-C again to exit at once).\n`);
    controller.abort(new Error(`Cancelled by ${name}`));
  };
  const onInterrupt = onSignal('SIGINT');
  const onTerminate = onSignal('SIGTERM');
  source.on('SIGINT', onInterrupt);
  source.on('SIGTERM', onTerminate);
  return {
    signal: controller.signal,
    dispose: () => {
      source.off('SIGINT', onInterrupt);
      source.off('SIGTERM', onTerminate);
    },
  };
}
