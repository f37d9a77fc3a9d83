import * as assert from 'node:assert/strict';
import type { CustomConnector, Flow } from '../../core/model/types';
import type { Workspace } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import { CORPUS_DIR, corpusManifest, requireCorpus, type ManifestRow } from '../helpers/corpus';

/** Repositories of the corpus that hold a custom connector or a flow calling one. */
function connectorRepos(rows: ManifestRow[]): string[] {
  const repos = rows.filter((r) => r.kind.startsWith('custom-connector') || /connectors=[1-9]|calls custom connector|calling custom connector=[1-9]/.test(r.note));
  return [...new Set(repos.map((r) => r.corpusPath.split('/')[0] as string))].sort();
}

/** 'zip: connectors=2 (a,b); ...' and each nested '[Inner.zip -> zip: connectors=1 (c); ...]', as [inner zip or '', names]. */
function zipConnectors(note: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  const own = /^zip: connectors=\d+(?: \(([^)]*)\))?/.exec(note);
  if (own?.[1]) out.push(['', own[1].split(',')]);
  for (const m of note.matchAll(/\[([^\[\]\s]+\.zip) -> zip: connectors=\d+(?: \(([^)]*)\))?/g)) {
    if (m[2]) out.push([(m[1] as string).replace(/\\/g, '/'), m[2].split(',')]);
  }
  return out;
}

/** 'flow calls custom connector shared_x x7, shared_y x1' as [id, calls]. */
function calls(note: string): [string, number][] {
  const list = /flow calls custom connector ([^;]+)/.exec(note)?.[1] ?? '';
  return [...list.matchAll(/(shared_[a-z0-9-]+) x(\d+)/g)].map((m) => [m[1] as string, Number(m[2])]);
}

function definitionPath(c: CustomConnector): string | undefined {
  return c.files.find((f) => f.role === 'definition')?.path;
}

function describe_(c: CustomConnector): string {
  const host = c.hostKind === 'environment-variable' ? `env:${c.hostVariable}` : c.host;
  return `${c.title} (${c.logicalName}) host=${host}${c.basePath && c.basePath !== '/' ? c.basePath : ''}${c.hasCustomCode ? ' +code' : ''}`;
}

describe('corpus: custom connectors', function () {
  this.timeout(300_000);
  let ws: Workspace;
  let rows: ManifestRow[];

  before(async function () {
    requireCorpus(this);
    rows = corpusManifest().map((r) => ({ ...r, note: r.note.trim() }));
    ws = await loadPaths(connectorRepos(rows), { cwd: CORPUS_DIR, maxFiles: 100_000 });
  });

  it('reads every connector definition the manifest lists, with its host, and nothing fails', () => {
    assert.deepEqual(ws.unreadable, []);
    const byDefinition = new Map(ws.customConnectors.map((c) => [definitionPath(c), c]));
    const missing: string[] = [];
    for (const row of rows.filter((r) => r.kind === 'custom-connector-openapi' || r.kind === 'custom-connector-paconn-swagger')) {
      const connector = byDefinition.get(row.corpusPath);
      if (!connector) {
        missing.push(row.corpusPath);
        continue;
      }
      assert.notEqual(connector.hostKind, 'missing', `${row.corpusPath} has a host`);
      const noted = /host=(\S+?)(?: basePath=|;|$)/.exec(row.note)?.[1];
      if (noted) assert.equal(connector.host, noted, row.corpusPath);
    }
    assert.deepEqual(missing, []);
  });

  it('reads every connector the zips carry, nested zips included', () => {
    const missing: string[] = [];
    let expected = 0;
    for (const row of rows.filter((r) => r.corpusPath.toLowerCase().endsWith('.zip'))) {
      for (const [inner, names] of zipConnectors(row.note)) {
        const found = ws.customConnectors.filter((c) => {
          const solution = c.solution?.path ?? '';
          return inner === '' ? solution === `${row.corpusPath}!` : solution.startsWith(`${row.corpusPath}!`) && solution.endsWith(`${inner}!`);
        });
        for (const name of names) {
          expected++;
          const connector = found.find((c) => c.logicalName === name);
          if (!connector) missing.push(`${row.corpusPath}${inner ? `!…${inner}` : ''}: ${name}`);
          else assert.notEqual(connector.hostKind, 'missing', `${name} in ${row.corpusPath} has a host`);
        }
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(expected >= 15, `the notes list ${expected} connectors in zips`);
  });

  it('links every step the notes say calls a custom connector, and marks no Microsoft connector custom', () => {
    const flows = new Map(ws.flows.map((f) => [f.doc.source.path, f]));
    const problems: string[] = [];
    for (const row of rows.filter((r) => r.kind === 'solution-flow-json')) {
      for (const [id, count] of calls(row.note)) {
        const steps = (flows.get(row.corpusPath) as Flow | undefined)?.steps.filter((s) => s.connector?.id === id) ?? [];
        if (steps.length !== count) problems.push(`${row.corpusPath}: ${steps.length} calls of ${id}, the note says ${count}`);
        for (const s of steps) if (!s.connector?.custom?.connector) problems.push(`${row.corpusPath}#${s.name}: ${id} not linked`);
      }
    }
    // Zips: 'flows calling custom connector=N' counts the solution's flows that do.
    for (const row of rows.filter((r) => r.kind === 'solution-zip')) {
      const expected = Number(/^zip:[^[]*?flows calling custom connector=(\d+)/.exec(row.note)?.[1] ?? 0);
      const inZip = ws.flows.filter((f) => f.solution?.path === `${row.corpusPath}!`);
      const calling = inZip.filter((f) => f.steps.some((s) => s.connector?.custom));
      if (calling.length !== expected) problems.push(`${row.corpusPath}: ${calling.length} flows call a custom connector, the note says ${expected}`);
      for (const f of calling) for (const s of f.steps) if (s.connector?.custom && !s.connector.custom.connector) problems.push(`${f.doc.source.path}#${s.name}: not linked`);
    }
    assert.deepEqual(problems, []);
    const microsoft = ws.flows.flatMap((f) => f.steps.filter((s) => s.connector?.custom && !/-5f[0-9a-f]{16}$/.test(s.connector.id)).map((s) => `${f.doc.source.path}#${s.name} ${s.connector?.id}`));
    assert.deepEqual(microsoft, []);
  });

  it('prints what was read', () => {
    const steps = ws.flows.flatMap((f) => f.steps.filter((s) => s.connector?.custom));
    const linked = steps.filter((s) => s.connector?.custom?.connector).length;
    const hosts = new Map<string, number>();
    for (const c of ws.customConnectors) hosts.set(c.hostKind, (hosts.get(c.hostKind) ?? 0) + 1);
    console.log(`      ${ws.customConnectors.length} connectors (${[...hosts].map(([k, n]) => `${k} ${n}`).join(', ')}); ${steps.length} steps call one: ${linked} linked, ${steps.length - linked} unresolved`);
    for (const line of [...new Set(ws.customConnectors.map(describe_))].sort()) console.log(`        ${line}`);
  });
});
