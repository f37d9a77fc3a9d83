import { randomUUID } from 'node:crypto';

// The runner reads a workflow command (`::error ...`, `::add-mask::`) from any line a step
// prints. Reports hold text from the linted files and the inputs, so they are printed between
// `::stop-commands::TOKEN` and `::TOKEN::`, with a token nobody can guess: inside, nothing is a
// command. Only the annotations FlowGuard renders itself, escaped for the runner, go outside.
// https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands

export function inertText(text: string): string {
  if (text === '') return '';
  const token = randomUUID();
  return `::stop-commands::${token}\n${text.endsWith('\n') ? text : `${text}\n`}::${token}::\n`;
}
