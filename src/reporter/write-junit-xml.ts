/**
 * JUnit XML for CI systems (GitLab, Jenkins, GitHub test reporters): every test and model is a
 * `<testcase>`; failing tests carry their failing rows, errors their message.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { NodeDescription, NodeResult } from '../execute/events.js';
import { formatSampleRows } from './format-sample-rows.js';

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function seconds(value: number): string {
  return value.toFixed(3);
}

function failureMessage(result: NodeResult): string {
  if (result.message !== '') return result.message;
  return `Got ${result.failures ?? 0} results, configured to fail if != 0`;
}

function testcaseBody(result: NodeResult): string {
  switch (result.status) {
    case 'fail': {
      const message = failureMessage(result);
      const details = [message, ...formatSampleRows(result.sampleRows ?? [])];
      if (result.storedFailuresRelation !== undefined) details.push(`select * from ${result.storedFailuresRelation}`);
      return `\n      <failure message="${escapeXml(message)}" type="fail">${escapeXml(details.join('\n'))}</failure>\n    `;
    }
    case 'error':
    case 'runtime error': {
      const message = result.error?.message ?? result.message;
      const details = [message];
      const compiledPath = result.error?.compiledPath ?? result.compiledPath;
      if (compiledPath !== undefined) details.push(`compiled code at ${compiledPath}`);
      const type = result.error?.kind ?? 'runtime';
      return `\n      <error message="${escapeXml(message)}" type="${escapeXml(type)}">${escapeXml(details.join('\n'))}</error>\n    `;
    }
    case 'skipped': {
      const reason = result.skippedBecauseOf === undefined ? 'skipped' : `skipped because ${result.skippedBecauseOf} failed`;
      return `\n      <skipped message="${escapeXml(reason)}"/>\n    `;
    }
    case 'warn':
      // JUnit has no warning outcome; the test passes and the warning is kept as output.
      return `\n      <system-out>${escapeXml(`WARN ${result.failures ?? 0}: ${failureMessage(result)}`)}</system-out>\n    `;
    case 'success':
    case 'pass':
      return '';
  }
}

/** The XML document as a string (what {@link writeJunitXml} writes). */
export function formatJunitXml(results: readonly NodeResult[], nodes: ReadonlyMap<string, NodeDescription>): string {
  const count = (statuses: readonly string[]): number => results.filter((result) => statuses.includes(result.status)).length;
  const total = results.reduce((sum, result) => sum + result.executionTime, 0);
  const cases = results.map((result) => {
    const node = nodes.get(result.uniqueId);
    const resourceType = node?.resourceType ?? result.uniqueId.split('.')[0];
    const classname = `${resourceType}.${node?.originalFilePath ?? result.uniqueId}`;
    const name = node?.name ?? result.uniqueId;
    const body = testcaseBody(result);
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="${seconds(result.executionTime)}"`;
    return body === '' ? `${open}/>` : `${open}>${body}</testcase>`;
  });
  const suite =
    `  <testsuite name="tsdbt" tests="${results.length}" failures="${count(['fail'])}" errors="${count(['error', 'runtime error'])}" ` +
    `skipped="${count(['skipped'])}" time="${seconds(total)}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>', suite, ...cases, '  </testsuite>', '</testsuites>', ''].join('\n');
}

/**
 * Writes JUnit XML of a run to `path`, creating its directory.
 * Counts: `failures` = failed tests, `errors` = nodes that errored, `skipped` = skipped nodes.
 */
export async function writeJunitXml(path: string, results: readonly NodeResult[], nodes: ReadonlyMap<string, NodeDescription>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, formatJunitXml(results, nodes), 'utf8');
}
