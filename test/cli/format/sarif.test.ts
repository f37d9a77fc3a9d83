import * as assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { formatters } from '../../../cli/format';
import { docsUrl } from '../../../core/engine/rule';
import type { LintResult } from '../../../core/engine/result';
import type { Finding } from '../../../core/findings';
import { at, OPTIONS, RULES, sampleResult } from './fixture';

function sarif(result: LintResult = sampleResult()): Sarif.Run {
  const log = JSON.parse(formatters.sarif(result, OPTIONS)) as Sarif.Log;
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

function results(run: Sarif.Run): Sarif.Result[] {
  return run.results ?? [];
}

function fingerprint(result: Sarif.Result): string {
  return result.partialFingerprints?.['primaryLocationLineHash'] ?? '';
}

describe('sarif formatter', () => {
  it('writes a SARIF 2.1.0 log with the schema, UTF-16 columns and a source root', () => {
    const text = formatters.sarif(sampleResult(), OPTIONS);
    const log = JSON.parse(text) as Sarif.Log;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.ok(text.endsWith('}\n'));
    const run = log.runs[0]!;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/', description: { text: 'The root of the repository the linted files are in.' } } });
    assert.deepEqual(run.invocations![0]!.workingDirectory, { uri: 'file:///work/repo/' });
  });

  it('writes URIs from the repository root, whichever folder it ran in, and the same fingerprints', () => {
    // Run in /work/repo/exports, so display paths are relative to it; the root is /work/repo.
    const base = sampleResult();
    const fromSub: LintResult = { ...base, findings: base.findings.map((f) => ({ ...f, file: f.file.replace(/^(flows|solutions)\//, '') })) };
    const sub = JSON.parse(formatters.sarif(fromSub, { ...OPTIONS, cwd: '/work/repo/flows', sarifRoot: '/work/repo' })) as Sarif.Log;
    const run = sub.runs[0]!;
    assert.deepEqual(run.originalUriBaseIds!['%SRCROOT%']!.uri, 'file:///work/repo/');
    assert.deepEqual(run.invocations![0]!.workingDirectory, { uri: 'file:///work/repo/flows/' });
    assert.deepEqual(results(run)[1]!.locations![0]!.physicalLocation!.artifactLocation, { uri: 'flows/Invoice%20Flow.json', uriBaseId: '%SRCROOT%', index: 0 });
    // The same file seen from the root: the same fingerprint.
    const fromRoot: LintResult = { ...base, findings: [base.findings[1]!] };
    const atRoot = results(sarif(fromRoot))[0]!;
    assert.equal(fingerprint(results(run)[1]!), fingerprint(atRoot));
    // A file outside the root keeps an absolute URI.
    const outside: LintResult = { ...base, findings: [{ ...base.findings[1]!, file: '../../elsewhere/x.json' }] };
    const far = results(JSON.parse(formatters.sarif(outside, { ...OPTIONS, cwd: '/work/repo/flows', sarifRoot: '/work/repo' })).runs[0]!)[0]!;
    assert.deepEqual(far.locations![0]!.physicalLocation!.artifactLocation, { uri: 'file:///work/elsewhere/x.json', index: 0 });
  });

  it('describes the tool and every registered rule', () => {
    const driver = sarif().tool.driver;
    assert.equal(driver.name, 'FlowGuard');
    assert.equal(driver.version, '0.1.0');
    assert.equal(driver.semanticVersion, '0.1.0');
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    assert.deepEqual(driver.rules?.map((r) => r.id), RULES.map((r) => r.id));
    const secret = driver.rules![0]!;
    assert.equal(secret.name, 'SecretsHardcodedSecret');
    assert.equal(driver.rules![2]!.name, 'ErrorHandlingNoFailurePath');
    assert.deepEqual(secret.shortDescription, { text: RULES[0]!.description });
    assert.deepEqual(secret.fullDescription, { text: RULES[0]!.help });
    assert.equal(secret.help?.text, RULES[0]!.help);
    assert.equal(secret.helpUri, docsUrl('secrets/hardcoded-secret'));
    assert.deepEqual(secret.properties, {
      tags: ['secrets', 'security', 'external/cwe/cwe-798'],
      precision: 'very-high',
      'problem.severity': 'error',
      'security-severity': '9.1',
    });
    // Only security rules are security results; a quality rule is ranked by problem.severity alone.
    assert.deepEqual(driver.rules![2]!.properties, { tags: ['error-handling', 'reliability'], precision: 'high', 'problem.severity': 'recommendation' });
    assert.deepEqual(
      driver.rules!.map((r) => [r.defaultConfiguration?.level, r.properties?.['security-severity']]),
      [['error', '9.1'], ['warning', '8.0'], ['note', undefined]],
    );
  });

  it("carries the rule's whole page as help.markdown, with links that work outside the docs folder", () => {
    const [secret, unpaged] = sarif().tool.driver.rules!;
    const markdown = secret!.help!.markdown!;
    for (const section of ['# secrets/hardcoded-secret', '## What it finds', '## Why it matters', '## How to fix it', '## Examples', '```json']) {
      assert.ok(markdown.includes(section), section);
    }
    assert.ok(!markdown.includes('<!--'), 'the generated-part markers are left out');
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) assert.match(target!, /^(https:\/\/|#)/, `${target} is absolute`);
    // An id without a page (here a test rule) still gets its help and a link.
    assert.equal(unpaged!.help!.markdown, `${RULES[1]!.help}\n\n[Rule documentation](${docsUrl(RULES[1]!.id)})`);
  });

  it('maps levels, rule indexes and 1-based regions of plain files', () => {
    const run = sarif();
    assert.deepEqual(results(run).map((r) => [r.ruleId, r.ruleIndex, r.level]), [
      ['error-handling/no-failure-path', 2, 'note'],
      ['secrets/hardcoded-secret', 0, 'error'],
      ['exfiltration/consumer-connector', 1, 'warning'],
    ]);
    const secret = results(run)[1]!;
    assert.equal(secret.message.text, "Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.");
    const location = secret.locations![0]!.physicalLocation!;
    assert.deepEqual(location.region, { startLine: 12, startColumn: 8, endLine: 12, endColumn: 26 });
    // The space in the file name is percent-encoded; the uri resolves against %SRCROOT%.
    assert.deepEqual(location.artifactLocation, { uri: 'flows/Invoice%20Flow.json', uriBaseId: '%SRCROOT%', index: 0 });
    assert.deepEqual(run.artifacts![0]!.location, { uri: 'flows/Invoice%20Flow.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(secret.properties, { flow: 'Invoice Flow', action: 'HTTP_Post', connector: 'http' });
  });

  it('names the flow, and the action within it, as logical locations', () => {
    const [flowLevel, actionLevel] = results(sarif());
    assert.deepEqual(flowLevel!.locations![0]!.logicalLocations, [
      { name: 'Invoice Flow', fullyQualifiedName: 'Invoice Flow', kind: 'module' },
    ]);
    assert.deepEqual(flowLevel!.properties, { flow: 'Invoice Flow' });
    assert.deepEqual(actionLevel!.locations![0]!.logicalLocations, [
      { name: 'HTTP_Post', fullyQualifiedName: 'Invoice Flow/HTTP_Post', kind: 'function' },
    ]);
  });

  it('points a zip entry finding at the zip, nests the entry in run.artifacts and gives its position in words', () => {
    const run = sarif();
    const inZip = results(run)[2]!;
    const location = inZip.locations![0]!.physicalLocation!;
    assert.deepEqual(location.artifactLocation, { uri: 'solutions/Contoso%20Sales.zip', uriBaseId: '%SRCROOT%', index: 1 });
    assert.deepEqual(location.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    assert.ok(inZip.message.text!.startsWith("'Send_email' sends SharePoint data to Gmail. (in Workflows/Sync Orders-1A2B.json at line 40, column 4)"));
    assert.deepEqual(run.artifacts![1], { location: { uri: 'solutions/Contoso%20Sales.zip', uriBaseId: '%SRCROOT%' }, mimeType: 'application/zip' });
    assert.deepEqual(run.artifacts![2], { location: { uri: 'Workflows/Sync%20Orders-1A2B.json' }, parentIndex: 1, mimeType: 'application/json' });
  });

  it('chains a zip inside a zip through parentIndex, and leaves other "!" in names alone', () => {
    const base = sampleResult();
    const findings: Finding[] = [
      { ...base.findings[1]!, file: 'pkg/Package.zip!Solutions/Sales.zip!Workflows/A.json' },
      { ...base.findings[1]!, file: 'flows/Wow!.json' },
    ];
    const run = sarif({ ...base, findings, unreadable: [], notices: [] });
    assert.deepEqual(run.artifacts!.map((a) => [a.location?.uri, a.parentIndex]), [
      ['pkg/Package.zip', undefined],
      ['Solutions/Sales.zip', 0],
      ['Workflows/A.json', 1],
      ['flows/Wow!.json', undefined],
    ]);
    const [nested, plain] = results(run);
    assert.ok(nested!.message.text!.includes('(in Solutions/Sales.zip!Workflows/A.json at line 12, column 8)'));
    assert.deepEqual(plain!.locations![0]!.physicalLocation!.region, { startLine: 12, startColumn: 8, endLine: 12, endColumn: 26 });
  });

  it('turns related locations into numbered relatedLocations linked from the message', () => {
    const inZip = results(sarif())[2]!;
    assert.deepEqual(inZip.relatedLocations, [
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'solutions/Contoso%20Sales.zip', uriBaseId: '%SRCROOT%', index: 1 },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        },
        message: { text: "The data is read here by 'Get_items'. (in Workflows/Sync Orders-1A2B.json at line 20, column 6)" },
      },
      {
        id: 2,
        physicalLocation: {
          artifactLocation: { uri: 'policies/dlp%20%5Bprod%5D.json', uriBaseId: '%SRCROOT%', index: 3 },
          region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 },
        },
        message: { text: 'Gmail is not in the business group.' },
      },
    ]);
    assert.ok(inZip.message.text!.endsWith(" Related: [The data is read here by 'Get_items'](1), [Gmail is not in the business group](2)."));
  });

  it('escapes brackets inside link text', () => {
    const base = sampleResult();
    const finding: Finding = { ...base.findings[1]!, related: [{ file: 'a.json', range: at(0, 0), message: 'Uses items[0] here.' }] };
    const text = results(sarif({ ...base, findings: [finding] }))[0]!.message.text!;
    assert.ok(text.endsWith(' Related: [Uses items\\[0\\] here](1).'));
  });

  it('links at most five related locations from the message but lists them all', () => {
    const base = sampleResult();
    const related = Array.from({ length: 7 }, (_, i) => ({ file: 'a.json', range: at(i, 0), message: `Step ${i + 1}.` }));
    const result = results(sarif({ ...base, findings: [{ ...base.findings[1]!, related }] }))[0]!;
    assert.ok(result.message.text!.endsWith(' Related: [Step 1](1), [Step 2](2), [Step 3](3), [Step 4](4), [Step 5](5) and 2 more.'));
    assert.deepEqual(result.relatedLocations!.map((l) => l.id), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps fingerprints when only lines move, and tells different findings apart', () => {
    const base = sampleResult();
    const moved: LintResult = {
      ...base,
      findings: base.findings.map((f) => ({ ...f, range: at(f.range.start.line + 7, f.range.start.character + 2, f.range.end.character + 2) })),
    };
    const before = results(sarif(base)).map(fingerprint);
    const after = results(sarif(moved)).map(fingerprint);
    assert.deepEqual(after, before);
    assert.equal(new Set(before).size, 3);
    for (const value of before) assert.match(value, /^[0-9a-f]{16}:1$/);

    const otherAction: LintResult = { ...base, findings: [{ ...base.findings[1]!, action: 'HTTP_Get' }] };
    assert.notEqual(fingerprint(results(sarif(otherAction))[0]!), before[1]);
  });

  it('numbers findings that share rule, file, flow, action, connector and key', () => {
    const base = sampleResult();
    const twice: LintResult = { ...base, findings: [base.findings[1]!, { ...base.findings[1]!, range: at(30, 1) }] };
    const [first, second] = results(sarif(twice)).map(fingerprint);
    assert.equal(first!.replace(/:1$/, ':2'), second);
    // Moved, or met in the other order (a re-export that orders keys differently): the same two.
    const swapped: LintResult = { ...base, findings: [{ ...base.findings[1]!, range: at(40, 1) }, { ...base.findings[1]!, range: at(90, 1) }] };
    assert.deepEqual(results(sarif(swapped)).map(fingerprint), [first, second]);
  });

  it("tells findings of one action apart by the rule's key fields, and only by those", () => {
    const base = sampleResult();
    const secret = (data: Finding['data']): Finding => ({ ...base.findings[1]!, data });
    const hashes = (...findings: Finding[]) => results(sarif({ ...base, findings })).map(fingerprint);
    // Two secrets in one action, in different fields: two alerts, neither numbered after the other.
    const [header, query] = hashes(secret({ kind: 'api-key', field: 'inputs.headers.x-api-key' }), secret({ kind: 'api-key', field: 'inputs.queries.code' }));
    assert.notEqual(header!.slice(0, 16), query!.slice(0, 16));
    assert.match(query!, /:1$/);
    // Facts that are not key fields (here a count) change nothing.
    const [plain] = hashes(secret({ kind: 'api-key', field: 'inputs.headers.x-api-key', length: 40 }));
    assert.equal(plain, header);
  });

  it('writes a data path as a code flow through its numbered steps, ending where the result is', () => {
    const base = sampleResult();
    const inZip = base.findings[2]!;
    const path: Finding = {
      ...inZip,
      file: 'flows/Invoice Flow.json',
      related: [
        { file: 'flows/Invoice Flow.json', range: at(50, 4, 12), message: '2. leaves at Send_email', hop: 2 },
        { file: 'policies/dlp [prod].json', range: at(2, 4, 9), message: 'Gmail is not in the business group.' },
        { file: 'flows/Child.json', range: at(5, 2, 8), message: '1. business data enters at Get_items', hop: 1 },
      ],
    };
    const result = results(sarif({ ...base, findings: [path] }))[0]!;
    const steps = result.codeFlows![0]!.threadFlows[0]!.locations!.map((l) => [l.location!.physicalLocation!.artifactLocation!.uri, l.location!.physicalLocation!.region!.startLine, l.location!.message!.text]);
    assert.deepEqual(steps, [
      ['flows/Child.json', 6, '1. business data enters at Get_items'],
      ['flows/Invoice%20Flow.json', 51, '2. leaves at Send_email'],
      ['flows/Invoice%20Flow.json', 40, "'Send_email' sends SharePoint data to Gmail."],
    ]);
    assert.equal(result.codeFlows!.length, 1);
    assert.equal(result.relatedLocations!.length, 3, 'relatedLocations still lists every location');
    // A finding without a path has no code flow.
    assert.equal(results(sarif())[1]!.codeFlows, undefined);
  });

  it('reports unreadable files as failed execution and notices once as notes', () => {
    const invocation = sarif().invocations![0]!;
    assert.equal(invocation.executionSuccessful, false);
    const notifications = invocation.toolExecutionNotifications!;
    assert.deepEqual(notifications[0], {
      level: 'error',
      message: { text: 'Expected a comma or a closing brace.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'flows/broken.json', uriBaseId: '%SRCROOT%', index: 4 },
            region: { startLine: 4, startColumn: 2, endLine: 4, endColumn: 2 },
          },
        },
      ],
    });
    assert.deepEqual(notifications.slice(1).map((n) => [n.level, n.message.text]), [
      ['note', 'No DLP policy found; add "policies" to flowguard.json to check DLP rules.'],
      ['note', 'Skipped desktop flow "Scrape portal".'],
    ]);

    const clean = sarif({ ...sampleResult(), findings: [], unreadable: [], notices: [] });
    assert.deepEqual(clean.invocations, [{ executionSuccessful: true, workingDirectory: { uri: 'file:///work/repo/' } }]);
    assert.deepEqual(clean.results, []);
  });

  it('gives absolute paths file URIs and unlisted rule ids a stand-in descriptor', () => {
    const base = sampleResult();
    const finding: Finding = { ...base.findings[1]!, ruleId: 'config/invalid-setting', file: '/tmp/other place/x.json' };
    const run = sarif({ ...base, findings: [finding], unreadable: [], notices: [] });
    const result = results(run)[0]!;
    assert.deepEqual(result.locations![0]!.physicalLocation!.artifactLocation, { uri: 'file:///tmp/other%20place/x.json', index: 0 });
    const standIn = run.tool.driver.rules![result.ruleIndex!]!;
    assert.equal(standIn.id, 'config/invalid-setting');
    assert.ok(standIn.shortDescription && standIn.fullDescription && standIn.help);
  });

  it('marks results a baseline records as unchanged and the others as new, only when a baseline is in use', () => {
    const base = sampleResult();
    const withBaseline = JSON.parse(formatters.sarif(base, { ...OPTIONS, baselined: new Set([base.findings[1]!]) })) as Sarif.Log;
    assert.deepEqual(results(withBaseline.runs[0]!).map((r) => r.baselineState), ['new', 'unchanged', 'new']);
    assert.ok(results(sarif(base)).every((r) => r.baselineState === undefined));
  });
});
