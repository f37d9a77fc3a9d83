import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf } from './diagnostics-events';
import { EXTENSION_ID, flowGuardApi } from './flowguard-api';
import { samplesFolder } from './samples';

/** Linted alone: its findings' files are entries of the zip, which no other test looks at. */
const ZIP = 'HelpdeskTickets_1_0_0_1.zip';
const SOURCE = 'flowguard-cli';
const DEADLINE_MS = 45_000;

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

/** file:line:col rule, 1-based, for the problems of `source` VS Code holds now. */
function problemsOf(source: string): string[] {
  return vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) =>
    diagnostics.filter((d) => d.source === source).map((d) => `${uri.fsPath}:${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d) ?? ''}`),
  );
}

/** Resolves once the problems of `source` include every one of `expected`, on the diagnostics event that brings the last. */
function problemsInclude(source: string, expected: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      const seen = new Set(problemsOf(source));
      if (!expected.every((p) => seen.has(p))) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(settle);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the task's problems ${JSON.stringify(problemsOf(source))} lack some of ${JSON.stringify(expected)}`));
    }, DEADLINE_MS);
    settle();
  });
}

/** A shell task running the bundled CLI with "problemMatcher": "$flowguard", as a user's tasks.json would. */
describe('the $flowguard problem matcher in a task', () => {
  before(() => flowGuardApi());

  it('fills the Problems panel with what the CLI reports, under the source flowguard-cli', async () => {
    const folder = samplesFolder().uri.fsPath;
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const json = spawnSync(process.execPath, [cli, '--format', 'json', ZIP], { cwd: folder, encoding: 'utf8' });
    const expected = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings.map((f) => `${path.join(folder, f.file)}:${f.line}:${f.column} ${f.ruleId}`);
    assert.ok(expected.length > 0, 'the CLI finds something in the zip');

    const execution = new vscode.ShellExecution(`"${process.execPath}" "${cli}" ${ZIP}`, { cwd: folder });
    const task = new vscode.Task({ type: 'shell' }, vscode.TaskScope.Workspace, 'FlowGuard (e2e)', 'flowguard-e2e', execution, '$flowguard');
    const ended = new Promise<number | undefined>((resolve) => {
      const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        subscription.dispose();
        resolve(event.exitCode);
      });
    });
    const shown = problemsInclude(SOURCE, expected);
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, json.status, 'the task ends as the CLI does');
    await shown;
    const fromTask = problemsOf(SOURCE).filter((p) => p.includes(`${ZIP}!`));
    assert.deepEqual(fromTask.sort(), [...expected].sort(), 'exactly the findings the CLI printed');
  });

  // The same zip, so that no other test sees these problems: its markers replace the ones above
  // (same owner, same files). The unit test (test/unit/extension/problem-matcher.test.ts) holds
  // the case this format is for, findings after a '↳' line, to VS Code's reading of the output.
  it('fills it the same through --format compact and $flowguard-compact', async () => {
    const folder = samplesFolder().uri.fsPath;
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const json = spawnSync(process.execPath, [cli, '--format', 'json', ZIP], { cwd: folder, encoding: 'utf8' });
    // VS Code keeps one marker for two problems at one place with one code.
    const expected = [...new Set((JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings.map((f) => `${path.join(folder, f.file)}:${f.line}:${f.column} ${f.ruleId}`))];
    assert.ok(expected.length > 0, 'the CLI finds something in the zip');

    const execution = new vscode.ShellExecution(`"${process.execPath}" "${cli}" --format compact ${ZIP}`, { cwd: folder });
    const task = new vscode.Task({ type: 'shell' }, vscode.TaskScope.Workspace, 'FlowGuard compact (e2e)', 'flowguard-e2e', execution, '$flowguard-compact');
    const ended = new Promise<number | undefined>((resolve) => {
      const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        subscription.dispose();
        resolve(event.exitCode);
      });
    });
    const shown = problemsInclude(SOURCE, expected);
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, json.status, 'the task ends as the CLI does');
    await shown;
    const fromTask = [...new Set(problemsOf(SOURCE).filter((p) => p.includes(`${ZIP}!`)))];
    assert.deepEqual(fromTask.sort(), [...expected].sort(), 'exactly the findings the CLI printed');
  });
});
