import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';

const COMMANDS = ['', 'review', 'connectors', 'baseline', 'rules'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];

function commandLine(command: string, ...args: string[]): string[] {
  return command === '' ? args : [command, ...args];
}

/** The README's "Command line" section, up to the next section of the same level. */
function readmeCommandLine(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Command line');
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
}

describe('cli: usage errors', () => {
  it('print the problem and "see flowguard --help" on one line, not the whole help', async () => {
    const cases: [string[], string][] = [
      [['--frmat', 'json'], "flowguard: Unknown option '--frmat'; see flowguard --help\n"],
      [['-q'], "flowguard: Unknown option '-q'; see flowguard --help\n"],
      [['--max-warnings', 'some'], 'flowguard: --max-warnings expects a whole number, got "some"; see flowguard --help\n'],
      [['--format'], "flowguard: Option '-f, --format <value>' argument missing; see flowguard --help\n"],
      [['--output', '--quiet'], "flowguard: Option '--output' argument is ambiguous. Did you forget to specify the option argument for '--output'? To specify an option argument starting with a dash use '--output=-XYZ'; see flowguard --help\n"],
      [['--rule', 'loud'], 'flowguard: --rule expects ID=off|info|warning|error, got "loud"; see flowguard --help\n'],
      [['baseline', '--fix'], "flowguard: Unknown option '--fix'; see flowguard baseline --help\n"],
      [['review', '--base', 'main', '--stdin'], "flowguard: Unknown option '--stdin'; see flowguard review --help\n"],
      [['rules', '--format', 'sarif'], 'flowguard: --format must be one of table, json, got "sarif"; see flowguard rules --help\n'],
      [['rules', 'dlp'], 'flowguard: flowguard rules takes no paths, got "dlp"; see flowguard rules --help\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = await cli(args, tmpdir());
      assert.equal(run.stderr, stderr, args.join(' '));
      assert.equal(run.stdout, '');
      assert.equal(run.code, 2);
    }
  });

  it('the bundled CLI prints the same one line', () => {
    const run = bundledCli(['--frmat', 'json'], tmpdir());
    assert.equal(run.stderr, "flowguard: Unknown option '--frmat'; see flowguard --help\n");
    assert.equal(run.code, 2);
  });

  it('options that contradict each other are named together', async () => {
    const cases: [string[], string][] = [
      [['--fix', '--fix-dry-run'], '--fix writes the fixes and --fix-dry-run only shows them: choose one'],
      [['--fix-dry-run', '--format', 'json'], '--fix-dry-run prints a unified diff, not a report: leave out --format json'],
      [['--stdin', 'flows'], '--stdin lints standard input and takes no PATH, got "flows"'],
      [['--stdin', '--fix'], '--fix cannot write standard input back: --fix-dry-run prints the edits instead'],
      [['--stdin', '--hook'], '--hook lints the changed files a git hook names, not standard input: leave out --stdin'],
      [['--stdin-filename', 'flow.json'], '--stdin-filename names what --stdin reads: add --stdin'],
    ];
    for (const [args, problem] of cases) {
      const run = await cli(args, tmpdir(), { stdin: '{}' });
      assert.equal(run.stderr, `flowguard: ${problem}; see flowguard --help\n`, args.join(' '));
      assert.equal(run.code, 2);
    }
  });
});

describe('cli: short flags', () => {
  it('every short flag a command accepts is in its --help and in the README; no other exists', async () => {
    const readme = readmeCommandLine();
    for (const command of COMMANDS) {
      const help = (await cli(commandLine(command, '--help'), tmpdir())).stdout;
      const accepted: string[] = [];
      for (const letter of LETTERS) {
        // With no value after it, a string option stops with "argument missing": still an option.
        const run = await cli(commandLine(command, `-${letter}`), tmpdir());
        if (!run.stderr.startsWith(`flowguard: Unknown option '-${letter}'`)) accepted.push(letter);
      }
      for (const letter of accepted) {
        assert.match(help, new RegExp(`^ {2}-${letter}, --[a-z]`, 'm'), `flowguard ${command} -${letter} is not in its --help`);
        assert.match(readme, new RegExp(`-${letter}, --[a-z]`), `-${letter} is not in the README's Command line section`);
      }
      const documented = [...help.matchAll(/^ {2}-([A-Za-z]), --/gm)].map((m) => m[1]);
      assert.deepEqual(accepted.sort(), documented.sort(), `flowguard ${command}: the short flags accepted and those in --help differ`);
    }
  });
});

describe('cli: COMMAND --help', () => {
  it('each command prints its own usage and exits 0', async () => {
    for (const command of COMMANDS) {
      const run = await cli(commandLine(command, '--help'), tmpdir());
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      assert.ok(run.stdout.startsWith(`Usage: flowguard ${command === '' ? '[PATH...]' : command}`), command);
      const short = await cli(commandLine(command, '-h'), tmpdir());
      assert.equal(short.stdout, run.stdout, `${command} -h`);
    }
  });

  it('the lint command’s help lists the options of this release', async () => {
    const help = (await cli(['--help'], tmpdir())).stdout;
    for (const text of ['flowguard rules', '--fix-dry-run', '--stdin', '--stdin-filename NAME', '--no-error-on-unmatched-pattern', '--debug', 'NO_COLOR', 'FORCE_COLOR']) {
      assert.ok(help.includes(text), text);
    }
  });
});
