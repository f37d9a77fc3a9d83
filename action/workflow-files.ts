import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

// The runner's environment files: GITHUB_OUTPUT for step outputs, GITHUB_STEP_SUMMARY for the
// job summary. Every output is written in the multi-line form `name<<DELIMITER`, with a delimiter
// made for this write, so no value (a path from an input) can end it early and add outputs of
// its own.
// https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#multiline-strings

export function writeOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text, 'utf8');
}

/** Markdown for the run's summary page; it adds to what earlier steps wrote. */
export function writeSummary(file: string | undefined, markdown: string): void {
  if (!file) return;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
}
