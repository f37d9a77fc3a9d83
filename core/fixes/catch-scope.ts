import { prop } from '../artifacts/json';
import type { Fix } from '../findings';
import type { Flow, Step } from '../model/types';
import { setProperty } from './json-edits';
import { uniqueName } from './unique-name';

/**
 * After an earlier failure the last actions are Skipped, not Failed: the Catch scope runs after
 * each of them has Failed, TimedOut or been Skipped, which together mean the run went wrong.
 */
const CATCH_STATUSES = ['Failed', 'Skipped', 'TimedOut'];

/** Top-level actions no other top-level action runs after: where a run ends. */
function lastActions(flow: Flow): Step[] {
  const followed = new Set(flow.actions.flatMap((s) => s.runAfter.map((r) => r.action)));
  return flow.actions.filter((s) => !followed.has(s.name));
}

function quoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Adds a top-level Catch scope that runs when the flow's last actions fail, time out or are
 * skipped after a failure, and ends the run as Failed with the error of the first of them.
 * Unsafe: it changes how a failed run ends.
 */
export function catchScopeFix(flow: Flow): Fix | undefined {
  const last = lastActions(flow);
  const first = last[0];
  if (!first || !prop(flow.definition, 'actions')) return undefined;
  const taken = new Set(flow.steps.map((s) => s.name.toLowerCase()));
  const scopeName = uniqueName('Catch', taken);
  const terminateName = uniqueName('Terminate', new Set([...taken, scopeName.toLowerCase()]));
  const scope = {
    runAfter: Object.fromEntries(last.map((s) => [s.name, CATCH_STATUSES])),
    type: 'Scope',
    actions: {
      [terminateName]: {
        runAfter: {},
        type: 'Terminate',
        inputs: {
          runStatus: 'Failed',
          runError: { message: `Run @{workflow()?['run']?['name']} failed: @{actions(${quoted(first.name)})?['error']?['message']}` },
        },
      },
    },
  };
  const edits = setProperty(flow.doc, ['actions', scopeName], scope, flow.definition);
  return edits.length > 0 ? { title: 'Add a Catch scope', safe: false, edits } : undefined;
}
