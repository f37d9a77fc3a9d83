import { docsUrl } from '../../core/engine/rule';
import type { Finding, Unreadable } from '../../core/findings';
import type { LintResult } from '../../core/engine/result';
import { oneBased } from './position';
import type { FormatOptions } from './types';
import { xmlAttr, xmlText } from './xml-text';

// JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps, test-reporter actions). Those
// viewers list suites and, inside a suite, failed cases by name; one suite per linted file reads
// like the file list a reviewer expects, and each finding is a failed case named by its rule
// and position. A file that cannot be read is an <error> (the check could not run), not a
// <failure>. A clean run still has one passing case, since some viewers treat a report with no
// test cases as a broken step.

interface Case {
  name: string;
  classname: string;
  file: string;
  /** <failure> for a finding, <error> for a file FlowGuard could not read. */
  kind: 'failure' | 'error';
  type: string;
  message: string;
  details: string;
}

function position(range: Finding['range']): string {
  const { line, column } = oneBased(range);
  return `${line}:${column}`;
}

function findingCase(f: Finding): Case {
  const where = position(f.range);
  const facts = [
    `${f.severity} ${f.ruleId} at ${f.file}:${where}`,
    ...(f.flow !== undefined ? [`Flow: ${f.flow}`] : []),
    ...(f.action !== undefined ? [`Action: ${f.action}`] : []),
    ...(f.connector !== undefined ? [`Connector: ${f.connector}`] : []),
    f.message,
    ...(f.related ?? []).map((r) => `  ${r.file}:${position(r.range)}  ${r.message}`),
    `Rule: ${docsUrl(f.ruleId)}`,
  ];
  const name = `${f.ruleId} at ${where}${f.action !== undefined ? ` (${f.action})` : ''}`;
  return { name, classname: f.file, file: f.file, kind: 'failure', type: f.severity, message: f.message, details: facts.join('\n') };
}

function unreadableCase(u: Unreadable): Case {
  const where = position(u.range);
  return { name: `unreadable at ${where}`, classname: u.file, file: u.file, kind: 'error', type: 'unreadable', message: u.message, details: `${u.file}:${where}: ${u.message}` };
}

function caseXml(c: Case): string {
  return [
    `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}" file="${xmlAttr(c.file)}" time="0">`,
    `      <${c.kind} type="${xmlAttr(c.type)}" message="${xmlAttr(c.message)}">${xmlText(c.details)}</${c.kind}>`,
    '    </testcase>',
  ].join('\n');
}

function suiteXml(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.kind === 'failure').length;
  const errors = cases.length - failures;
  return [
    `  <testsuite name="${xmlAttr(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
    ...cases.map(caseXml),
    '  </testsuite>',
  ].join('\n');
}

function cleanSuite(result: LintResult): string {
  const name = `No problems found in ${result.files} file${result.files === 1 ? '' : 's'} (${result.flows} flow${result.flows === 1 ? '' : 's'})`;
  return [
    '  <testsuite name="FlowGuard" tests="1" failures="0" errors="0" skipped="0" time="0">',
    `    <testcase name="${xmlAttr(name)}" classname="FlowGuard" time="0"/>`,
    '  </testsuite>',
  ].join('\n');
}

export function formatJunit(result: LintResult, _options: FormatOptions): string {
  const suites = new Map<string, Case[]>();
  const add = (c: Case): void => {
    const cases = suites.get(c.file);
    if (cases) cases.push(c);
    else suites.set(c.file, [c]);
  };
  result.unreadable.forEach((u) => add(unreadableCase(u)));
  result.findings.forEach((f) => add(findingCase(f)));
  const files = [...suites.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const all = [...suites.values()].flat();
  const failures = all.filter((c) => c.kind === 'failure').length;
  const body = files.length > 0 ? files.map((file) => suiteXml(file, suites.get(file)!)) : [cleanSuite(result)];
  const tests = Math.max(all.length, 1);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="FlowGuard" tests="${tests}" failures="${failures}" errors="${all.length - failures}" time="0">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
