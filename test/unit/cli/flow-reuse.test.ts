import * as assert from 'node:assert/strict';
import type { CacheEntry } from '../../../cli/cache/entry';
import { unitHash } from '../../../cli/cache/hash';
import type { FileRecord } from '../../../cli/cache/records';
import type { Session } from '../../../cli/cache/session';
import { reusableFlows } from '../../../cli/units/flow-reuse';
import type { Unit } from '../../../cli/units/plan';
import type { FlowOutcome } from '../../../cli/units/types';

// Which cached flows of a solution still hold when some of its files changed (cli/units/flow-reuse.ts):
// only when the entry is the one the last run's file records make, and only flow files changed.

const ROOT = '/work/repo/Sales/';
const FLOWS = ['Workflows/A.json', 'Workflows/B.json', 'Workflows/C.json'];
const OTHER = ['Other/Solution.xml', 'Other/Customizations.xml', 'Workflows/A.json.data.xml'];

function unit(files = [...FLOWS, ...OTHER]): Unit {
  const flows = files.filter((f) => f.endsWith('.json'));
  return { id: 'solution:Sales', kind: 'solution', given: 'Sales', files: files.map((f) => ROOT + f).sort(), flowFiles: flows.map((f) => ROOT + f), flowDisplays: flows.map((f) => `Sales/${f}`), weight: flows.length };
}

const record = (abs: string, digest: string): FileRecord => [abs, 1, '1', '1', '1', '1', digest, 0];

/** The last run's records and this run's, digests by relative path (this run's default to the last's). */
function session(before: Record<string, string>, now: Record<string, string> = {}): Session {
  const known = new Map(Object.entries(before).map(([rel, digest]) => [ROOT + rel, record(ROOT + rel, digest)]));
  const records = new Map(Object.entries({ ...before, ...now }).map(([rel, digest]) => [ROOT + rel, record(ROOT + rel, digest)]));
  return { cwd: '/work/repo', known, records, hashed: [], reused: 0 };
}

function flowOutcome(display: string): FlowOutcome {
  return { key: display, kept: { outline: { key: display, name: display, ids: [], calls: [], writes: [] }, transfers: { sources: [], transfers: [] } }, fingerprint: '[]', result: { findings: [], unreadable: [], notices: [] } };
}

/** The entry the last run wrote for `u`, with the digests `before`. */
function entry(u: Unit, before: Record<string, string>): CacheEntry {
  const digests = new Map(Object.entries(before).map(([rel, d]) => [ROOT + rel, d]));
  const hash = unitHash(u.id, u.files ?? [], (f) => digests.get(f));
  assert.ok(hash);
  const flows = (u.flowDisplays ?? []).map(flowOutcome);
  return { id: u.id, hash, signature: 's', context: 'c', outcome: { files: 6, unreadable: [], notices: [], flows, solutions: [], settings: [], connectors: 0 } };
}

const BEFORE: Record<string, string> = Object.fromEntries([...FLOWS, ...OTHER].map((f, i) => [f, `d${i}`]));
const keys = (flows: FlowOutcome[] | undefined): string[] | undefined => flows?.map((f) => f.key);

describe('cli/units/reusableFlows: the flows of a changed solution that keep their cached outcome', () => {
  it('every flow whose file did not change, when only flow files changed', () => {
    const u = unit();
    assert.deepEqual(keys(reusableFlows(u, entry(u, BEFORE), session(BEFORE, { 'Workflows/B.json': 'new' }))), ['Sales/Workflows/A.json', 'Sales/Workflows/C.json']);
    assert.deepEqual(keys(reusableFlows(u, entry(u, BEFORE), session(BEFORE))), ['Sales/Workflows/A.json', 'Sales/Workflows/B.json', 'Sales/Workflows/C.json'], 'nothing changed: all');
    assert.equal(reusableFlows(u, entry(u, BEFORE), session(BEFORE, Object.fromEntries(FLOWS.map((f) => [f, 'new'])))), undefined, 'every flow changed: none');
  });

  it('none when a file that is not a flow changed: the manifest, the customizations, a flow metadata file', () => {
    const u = unit();
    for (const file of OTHER) assert.equal(reusableFlows(u, entry(u, BEFORE), session(BEFORE, { 'Workflows/B.json': 'new', [file]: 'new' })), undefined, file);
  });

  it('none when the entry is not the one the last records make: a flow added or removed, a digest the records do not have', () => {
    const u = unit();
    const cached = entry(u, BEFORE);
    const added = unit([...FLOWS, 'Workflows/D.json', ...OTHER]);
    assert.equal(reusableFlows(added, cached, session(BEFORE, { 'Workflows/D.json': 'x' })), undefined, 'a flow added');
    const removed = unit([FLOWS[0] as string, FLOWS[1] as string, ...OTHER]);
    assert.equal(reusableFlows(removed, cached, session(BEFORE)), undefined, 'a flow removed');
    assert.equal(reusableFlows(u, entry(u, { ...BEFORE, 'Workflows/A.json': 'other' }), session(BEFORE)), undefined, 'an entry of other contents');
    const { ['Other/Solution.xml']: _gone, ...partial } = BEFORE;
    assert.equal(reusableFlows(u, cached, session(partial)), undefined, 'a file the last run has no record of');
  });

  it('none for a unit that is not a solution, or with no entry', () => {
    const u = unit();
    assert.equal(reusableFlows({ ...u, kind: 'zip' }, entry(u, BEFORE), session(BEFORE)), undefined);
    assert.equal(reusableFlows(u, undefined, session(BEFORE)), undefined);
  });
});
