import * as assert from 'node:assert/strict';
import { formatters } from '../../../cli/format';
import { children, parseXml, type XmlElement } from '../../../core/artifacts/xml';
import { sourceFromText } from '../../../core/artifacts/decode';
import type { LintResult } from '../../../core/engine/result';
import { OPTIONS, sampleResult } from './fixture';

function parse(text: string): XmlElement {
  return parseXml(sourceFromText('report.xml', text)).root;
}

function attrs(el: XmlElement | undefined): Record<string, string> {
  return Object.fromEntries([...(el?.attributes ?? new Map())].map(([k, v]) => [k, v.value]));
}

describe('junit formatter', () => {
  it('is well-formed XML with one suite per file and a failed case per finding, unreadable files as errors', () => {
    const text = formatters.junit(sampleResult(), OPTIONS);
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    const root = parse(text);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(attrs(root), { name: 'FlowGuard', tests: '4', failures: '3', errors: '1', time: '0' });
    const suites = children(root, 'testsuite');
    assert.deepEqual(suites.map((s) => [attrs(s)['name'], attrs(s)['tests'], attrs(s)['failures'], attrs(s)['errors']]), [
      ['flows/Invoice Flow.json', '2', '2', '0'],
      ['flows/broken.json', '1', '0', '1'],
      ['solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json', '1', '1', '0'],
    ]);
    const secret = children(suites[0], 'testcase')[1]!;
    assert.deepEqual(attrs(secret), {
      name: 'secrets/hardcoded-secret at 12:8 (HTTP_Post)',
      classname: 'flows/Invoice Flow.json',
      file: 'flows/Invoice Flow.json',
      time: '0',
    });
    const failure = children(secret, 'failure')[0]!;
    assert.equal(attrs(failure)['type'], 'error');
    assert.equal(attrs(failure)['message'], "Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.");
    assert.match(failure.text, /^error secrets\/hardcoded-secret at flows\/Invoice Flow\.json:12:8\nFlow: Invoice Flow\nAction: HTTP_Post\nConnector: http\n/);
    const broken = children(suites[1], 'testcase')[0]!;
    assert.deepEqual(attrs(children(broken, 'error')[0]), { type: 'unreadable', message: 'Expected a comma or a closing brace.' });
  });

  it('keeps related locations in the failure text', () => {
    const zip = children(parse(formatters.junit(sampleResult(), OPTIONS)), 'testsuite')[2]!;
    const text = children(children(zip, 'testcase')[0], 'failure')[0]!.text;
    assert.ok(text.includes("  solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json:20:6  The data is read here by 'Get_items'."));
  });

  it('escapes markup and replaces characters XML cannot carry', () => {
    const base = sampleResult();
    const hostile = { ...base.findings[1]!, action: 'A"<b>&\u0001', message: 'Uses ]]> and </failure> and \u0007 and \ud800 here.\nSecond line.' };
    const text = formatters.junit({ ...base, findings: [hostile], unreadable: [] }, OPTIONS);
    const root = parse(text);
    const testcase = children(children(root, 'testsuite')[0], 'testcase')[0]!;
    assert.equal(attrs(testcase)['name'], 'secrets/hardcoded-secret at 12:8 (A"<b>&\\u0001)');
    const failure = children(testcase, 'failure')[0]!;
    assert.equal(attrs(failure)['message'], 'Uses ]]> and </failure> and \\u0007 and \\ud800 here.\nSecond line.');
  });

  it('has one passing case when there is nothing to report, so viewers still show a result', () => {
    const clean: LintResult = { ...sampleResult(), findings: [], unreadable: [], notices: [] };
    const root = parse(formatters.junit(clean, OPTIONS));
    assert.deepEqual(attrs(root), { name: 'FlowGuard', tests: '1', failures: '0', errors: '0', time: '0' });
    const testcase = children(children(root, 'testsuite')[0], 'testcase')[0]!;
    assert.equal(attrs(testcase)['name'], 'No problems found in 5 files (2 flows)');
    assert.equal(testcase.children.length, 0);
  });
});
