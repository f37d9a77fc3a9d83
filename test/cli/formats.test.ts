import * as assert from 'node:assert/strict';
import { children, parseXml } from '../../core/artifacts/xml';
import { sourceFromText } from '../../core/artifacts/decode';
import { cli } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';

interface JsonReport {
  findings: { ruleId: string; severity: string; file: string; line: number; column: number }[];
  summary: { files: number; flows: number; errors: number; warnings: number; infos: number };
}

const DROPBOX_FLOW = 'samples/ContosoExpenses/src/Workflows/BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json';

describe('cli: github, junit and markdown on the samples', () => {
  let json: JsonReport;
  before(async () => {
    json = JSON.parse((await cli(['samples', '--format', 'json'], ROOT)).stdout) as JsonReport;
    assert.ok(json.findings.length > 10);
  });

  it('github: a command per finding, the same exit code, notes on standard error', async () => {
    const run = await cli(['samples', '--format', 'github'], ROOT);
    assert.equal(run.code, 1);
    const commands = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(commands.length, json.findings.length);
    assert.equal(commands.filter((c) => c.startsWith('::error ')).length, json.summary.errors);
    assert.equal(commands.filter((c) => c.startsWith('::warning ')).length, json.summary.warnings);
    assert.equal(commands.filter((c) => c.startsWith('::notice ')).length, json.summary.infos);
    assert.ok(commands.some((c) => c.startsWith(`::error file=${DROPBOX_FLOW},line=90,endLine=90,col=9,`) && c.includes(',title=dlp/blocked-connector::')));
    // A finding inside a zip points at the zip itself, line 1, and names the entry.
    const inZip = commands.find((c) => c.includes('title=dlp/blocked-action::'))!;
    assert.match(inZip, /^::error file=samples\/HelpdeskTickets_1_0_0_1\.zip,line=1,title=dlp\/blocked-action::.*\(in Workflows\/Escalateticket-[0-9A-F-]+\.json at line 78, column 30\)/);
    assert.match(run.stdout, /\nFlowGuard: \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\) in \d+ files, 9 flows\.\n$/);
    assert.match(run.stderr, /flowguard: note: .*Skipped desktop flow/);
  });

  it('junit: parses, and counts a failed test case per finding', async () => {
    const run = await cli(['samples', '--format', 'junit'], ROOT);
    assert.equal(run.code, 1);
    const root = parseXml(sourceFromText('junit.xml', run.stdout)).root;
    assert.equal(root.attributes.get('tests')?.value, String(json.findings.length));
    assert.equal(root.attributes.get('failures')?.value, String(json.findings.length));
    const suites = children(root, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attributes.get('name')?.value), [...new Set(json.findings.map((f) => f.file))].sort());
    const cases = suites.flatMap((s) => children(s, 'testcase'));
    assert.equal(cases.length, json.findings.length);
    assert.ok(cases.every((c) => children(c, 'failure').length === 1));
  });

  it('markdown: a verdict, a table row per finding and details with the data paths', async () => {
    const run = await cli(['samples', '--format', 'markdown'], ROOT);
    assert.equal(run.code, 1);
    const lines = run.stdout.split('\n');
    assert.equal(lines[2], `❌ **Changes needed**: ${json.summary.errors} errors, ${json.summary.warnings} warnings, ${json.summary.infos} infos in ${json.summary.files} files (9 flows).`);
    assert.equal(lines.filter((l) => /^\| [🔴🟡🔵]/u.test(l)).length, json.findings.length);
    assert.ok(run.stdout.includes("  - line 70: 1. business data enters at SharePoint 'Get\\_file\\_content'"));
    assert.match(run.stdout, /> \*\*Note:\*\* .*Skipped desktop flow/);
    assert.equal(run.stderr, '', 'markdown carries its notes itself');
  });

  it('lists every format in the usage error', async () => {
    const run = await cli(['--format', 'xml'], ROOT);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format must be one of stylish, json, sarif, github, junit, markdown, compact, got "xml"/);
  });
});
