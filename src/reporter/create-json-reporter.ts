/**
 * The machine reporter (`--log-format json`): one JSON object per event per line, in dbt's
 * structured-log shape (`{"info": {...}, "data": {...}}`) so log shippers built for dbt read it.
 */
import { randomUUID } from 'node:crypto';

import type { NodeDescription, NodeResult, RunEvent, EventSink } from '../execute/events.js';
import { formatEventLines } from './format-event-lines.js';
import { runStats } from './format-run-summary.js';

export interface JsonReporterOptions {
  /** Receives one JSON document at a time, without a trailing newline. */
  readonly write: (line: string) => void;
  /** Written as `info.invocation_id`; a random UUID when omitted. */
  readonly invocationId?: string;
}

type Level = 'info' | 'warn' | 'error';

/** dbt's event name and code for each tsdbt event. */
const DBT_EVENTS: Readonly<Record<RunEvent['type'], { readonly name: string; readonly code: string }>> = {
  RunStarted: { name: 'MainReportVersion', code: 'A001' },
  Notice: { name: 'Note', code: 'Z050' },
  HookStarted: { name: 'LogHookStartLine', code: 'Q032' },
  HookFinished: { name: 'LogHookEndLine', code: 'Q033' },
  NodeStarted: { name: 'NodeStart', code: 'Q024' },
  NodeFinished: { name: 'NodeFinished', code: 'Q025' },
  RunFinished: { name: 'EndOfRunSummary', code: 'Z030' },
};

/** Splits a rendered relation (`"db"."schema"."table"` or `schema.table`) into dbt's node_relation. */
function nodeRelation(node: NodeDescription): Record<string, string> {
  const parts = node.relationName === '' ? [] : node.relationName.split('.').map((part) => part.replace(/^"|"$/g, ''));
  return {
    database: parts.length >= 3 ? parts[parts.length - 3] : '',
    schema: parts.length >= 2 ? parts[parts.length - 2] : '',
    alias: parts.length >= 1 ? parts[parts.length - 1] : node.name,
    relation_name: node.relationName,
  };
}

function nodeInfo(node: NodeDescription, status: string, startedAt: Date, finishedAt: Date | undefined): Record<string, unknown> {
  return {
    node_path: node.originalFilePath,
    node_name: node.name,
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    materialized: node.materialized,
    node_status: status,
    node_started_at: startedAt.toISOString(),
    node_finished_at: finishedAt === undefined ? '' : finishedAt.toISOString(),
    meta: {},
    node_relation: nodeRelation(node),
  };
}

function resultLevel(result: NodeResult): Level {
  if (result.status === 'error' || result.status === 'runtime error' || result.status === 'fail') return 'error';
  return result.status === 'warn' ? 'warn' : 'info';
}

function levelAndData(event: RunEvent): { readonly level: Level; readonly data: Record<string, unknown> } {
  switch (event.type) {
    case 'RunStarted':
      return { level: 'info', data: { version: event.version, command: event.command, counts: event.counts, log_version: 3 } };
    case 'Notice':
      return { level: 'info', data: { msg: event.message } };
    case 'HookStarted':
      return { level: 'info', data: { statement: event.name, index: event.index, total: event.total } };
    case 'HookFinished':
      return {
        level: event.status === 'error' ? 'error' : 'info',
        data: { statement: event.name, index: event.index, total: event.total, status: event.status, execution_time: event.executionTime, error: event.error?.message },
      };
    case 'NodeStarted':
      return { level: 'info', data: { node_info: nodeInfo(event.node, 'started', event.at, undefined) } };
    case 'NodeFinished': {
      const { result } = event;
      return {
        level: resultLevel(result),
        data: {
          node_info: nodeInfo(event.node, result.status, result.startedAt, result.completedAt),
          run_result: {
            status: result.status,
            message: result.error?.message ?? result.message,
            execution_time: result.executionTime,
            failures: result.failures ?? null,
            adapter_response: result.rowsAffected === undefined ? {} : { rows_affected: result.rowsAffected },
          },
        },
      };
    }
    case 'RunFinished': {
      const stats = runStats(event.results);
      return {
        level: stats.error > 0 ? 'error' : 'info',
        data: {
          num_errors: stats.error,
          num_warnings: stats.warn,
          num_partial_success: stats.partialSuccess,
          stats: { pass: stats.pass, warn: stats.warn, error: stats.error, skip: stats.skip, no_op: stats.noOp, total: stats.total },
          execution_time: event.elapsedSeconds,
        },
      };
    }
  }
}

/** An EventSink writing one dbt-style structured log line per event, never coloured. */
export function createJsonReporter(options: JsonReporterOptions): EventSink {
  const invocationId = options.invocationId ?? randomUUID();
  return (event) => {
    const { level, data } = levelAndData(event);
    const { name, code } = DBT_EVENTS[event.type];
    const msg = formatEventLines(event, false)
      .filter((line) => line !== '')
      .join('\n');
    const info = { name, code, msg, level, invocation_id: invocationId, pid: process.pid, thread: 'MainThread', ts: event.at.toISOString(), category: '', extra: {} };
    options.write(JSON.stringify({ info, data }));
  };
}
