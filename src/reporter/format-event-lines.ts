/**
 * The text lines one run event prints, without timestamps. Shared by the text reporter
 * (which prefixes `HH:MM:SS  `) and the JSON reporter (which puts them in `msg`).
 */
import type { RunEvent } from '../execute/events.js';
import { formatHookResultLine, formatHookStartLine, formatNodeResultLine, formatNodeStartLine } from './format-node-lines.js';
import { formatRunSummary } from './format-run-summary.js';
import { pluralize } from './pluralize.js';

/** dbt's words in `Found ...`, in the order dbt prints them; other keys follow in the order given. */
const FOUND_WORDS: readonly (readonly [string, string])[] = [
  ['model', 'model'],
  ['snapshot', 'snapshot'],
  ['analysis', 'analysis'],
  ['test', 'data test'],
  ['unit_test', 'unit test'],
  ['seed', 'seed'],
  ['source', 'source'],
  ['exposure', 'exposure'],
  ['metric', 'metric'],
  ['macro', 'macro'],
];

/** `Found 24 models, 3 snapshots, 61 data tests, 2 seeds, 6 sources, 412 macros`; kinds with 0 are left out. */
export function formatFoundLine(counts: Readonly<Record<string, number>>): string {
  const known = new Set(FOUND_WORDS.map(([key]) => key));
  const entries: (readonly [string, string])[] = [
    ...FOUND_WORDS,
    ...Object.keys(counts)
      .filter((key) => !known.has(key))
      .map((key) => [key, key.replaceAll('_', ' ')] as const),
  ];
  const parts = entries.filter(([key]) => (counts[key] ?? 0) > 0).map(([key, word]) => pluralize(counts[key] ?? 0, word));
  return `Found ${parts.length === 0 ? 'nothing to run' : parts.join(', ')}`;
}

/** Lines for one event; `''` is a blank line. */
export function formatEventLines(event: RunEvent, useColor: boolean): string[] {
  switch (event.type) {
    case 'RunStarted':
      return [`Running with tsdbt=${event.version}`, formatFoundLine(event.counts)];
    case 'Notice':
      // dbt sets the concurrency line apart with blank lines before the node lines start.
      return event.message.startsWith('Concurrency:') ? ['', event.message, ''] : [event.message];
    case 'HookStarted':
      return [formatHookStartLine(event.name, event.index, event.total, useColor)];
    case 'HookFinished': {
      const line = formatHookResultLine(event.name, event.status, event.executionTime, event.index, event.total, useColor);
      // A failed hook has no node summary later on: say what went wrong right here.
      if (!event.error) return [line];
      const detail = event.error.message.split('\n').map((text) => `  ${text}`);
      return [line, ...detail, ...(event.error.hint ? [`  hint: ${event.error.hint}`] : [])];
    }
    case 'NodeStarted':
      return [formatNodeStartLine(event.node, event.index, event.total, useColor)];
    case 'NodeFinished':
      return [formatNodeResultLine(event.node, event.result, event.index, event.total, useColor)];
    case 'RunFinished':
      return formatRunSummary(event.results, event.nodes, event.elapsedSeconds, useColor);
  }
}
