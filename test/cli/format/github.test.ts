import * as assert from 'node:assert/strict';
import { formatters } from '../../../cli/format';
import { escapeData, escapeProperty } from '../../../cli/format/github';
import type { LintResult } from '../../../core/engine/result';
import { at, OPTIONS, sampleResult } from './fixture';

describe('github formatter', () => {
  it('writes one workflow command per finding, by severity, with 1-based positions and the rule as title', () => {
    const lines = formatters.github(sampleResult(), OPTIONS).split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      '::error file=flows/broken.json,line=4,endLine=4,col=2,endColumn=2,title=FlowGuard%3A unreadable file::Expected a comma or a closing brace.',
      "::notice file=flows/Invoice Flow.json,line=3,endLine=3,col=3,endColumn=15,title=error-handling/no-failure-path::Flow 'Invoice Flow' has no step that runs after a failure.",
      "::error file=flows/Invoice Flow.json,line=12,endLine=12,col=8,endColumn=26,title=secrets/hardcoded-secret::Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.",
    ]);
  });

  it('annotates a zip entry on the zip, line 1, with the entry, its position and the related hops in the message', () => {
    const line = formatters.github(sampleResult(), OPTIONS).split('\n')[3]!;
    assert.equal(
      line,
      "::warning file=solutions/Contoso Sales.zip,line=1,title=exfiltration/consumer-connector::'Send_email' sends SharePoint data to Gmail. " +
        '(in Workflows/Sync Orders-1A2B.json at line 40, column 4)' +
        "%0A↳ solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json:20:6  The data is read here by 'Get_items'." +
        '%0A↳ policies/dlp [prod].json:3:5  Gmail is not in the business group.',
    );
  });

  it('ends with a plain summary line and leaves suppressed findings out', () => {
    const base = sampleResult();
    const suppressed: LintResult = { ...base, findings: [...base.findings, { ...base.findings[1]!, suppressed: { kind: 'note', file: 'x', range: at(0, 0) } }] };
    const lines = formatters.github(suppressed, OPTIONS).trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(lines.at(-1), 'FlowGuard: 3 problems (1 error, 1 warning, 1 info) in 5 files, 2 flows, 1 file unreadable.');
  });

  it('gives columns only for a range on one line, which is all the runner accepts', () => {
    const base = sampleResult();
    const multiLine = { ...base.findings[1]!, range: { start: { line: 4, character: 2 }, end: { line: 9, character: 3 } } };
    const text = formatters.github({ ...base, findings: [multiLine], unreadable: [] }, OPTIONS);
    assert.match(text, /^::error file=flows\/Invoice Flow\.json,line=5,endLine=10,title=secrets\/hardcoded-secret::/);
  });

  it('escapes names from the linted files so that they cannot end a value or start a command', () => {
    assert.equal(escapeData('100% done\r\n::error::pwned'), '100%25 done%0D%0A::error::pwned');
    assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    const base = sampleResult();
    const hostile = { ...base.findings[1]!, file: 'flows/a,b:c.json', message: 'Line one\n::error file=x::injected' };
    const text = formatters.github({ ...base, findings: [hostile], unreadable: [] }, OPTIONS);
    const commands = text.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(commands.length, 1);
    assert.ok(commands[0]!.startsWith('::error file=flows/a%2Cb%3Ac.json,line=12,'));
    assert.ok(commands[0]!.endsWith('::Line one%0A::error file=x::injected'));
  });
});
