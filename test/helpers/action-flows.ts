import * as assert from 'node:assert/strict';
import type { Flow, Step } from '../../core/model/types';
import { flowFromText } from './fixtures';

// Small flows written as their actions alone, for the unit tests of the data-flow analyses.

/** A cloud flow with no trigger and these actions. */
export function flowOf(actions: object): Flow {
  return flowFromText(JSON.stringify({ properties: { definition: { $schema: 'x', triggers: {}, actions } }, schemaVersion: '1.0.0.0' }));
}

/** The flow's step of that name; fails the test when there is none. */
export function step(flow: Flow, name: string): Step {
  const found = flow.steps.find((s) => s.name === name);
  assert.ok(found, name);
  return found;
}
