import * as assert from 'node:assert/strict';
import { checkMatchedFiles, unmatchedMessage } from '../../../cli/unmatched';
import { CliError } from '../../../cli/errors';

// Which PATH arguments hold no export (cli/unmatched.ts), looked up rather than scanned: the same
// answer as the definition it replaced, a path "holds" a file when it is the file, '.', or a
// folder or archive the file is in (the file starts with the path and then '/' or '!').

const CWD = '/work/repo';

function holds(file: string, root: string): boolean {
  return root === '.' || file === root || file.startsWith(`${root}/`) || file.startsWith(`${root}!`);
}

/** The paths checkMatchedFiles names as holding nothing ([] when it does not throw). */
function unmatched(paths: readonly string[], files: readonly string[]): string[] {
  try {
    checkMatchedFiles(paths, files, CWD);
    return [];
  } catch (error) {
    assert.ok(error instanceof CliError);
    const named = [...error.message.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);
    assert.equal(error.message, unmatchedMessage(named));
    return named;
  }
}

describe('cli: PATH arguments that hold no export', () => {
  const files = [
    'solutions/Sales/Workflows/Notify-1234.json',
    'solutions/Sales/Other/Solution.xml',
    'exports/Sales_1_0.zip',
    'exports/Sales_1_0.zip!Workflows/Notify-1234.json',
    'loose/flow.json',
    'a!b/c.json',
  ];

  it('a folder, a file, an archive and an entry hold; a name that only starts the same does not', () => {
    const given = [
      'solutions',
      'solutions/',
      'solutions/Sales',
      'solutions/Sales/Workflows/Notify-1234.json',
      'exports/Sales_1_0.zip',
      'exports/Sales_1_0.zip!Workflows',
      'loose/flow.json',
      'a',
      'a!b',
      // Not within any: a longer name, a prefix of a name, a sibling, an entry not there.
      'solution',
      'solutions/Sal',
      'loose/flow',
      'exports/Sales',
      'exports/Sales_1_0.zip!Other',
      'elsewhere',
    ];
    const expected = given.filter((g) => !files.some((f) => holds(f, g.replace(/\/+$/, ''))));
    assert.deepEqual(expected, ['solution', 'solutions/Sal', 'loose/flow', 'exports/Sales', 'exports/Sales_1_0.zip!Other', 'elsewhere']);
    assert.deepEqual(unmatched(given, files), expected);
  });

  it("'.' holds whatever export was found, and nothing when none was", () => {
    assert.deepEqual(unmatched(['.'], files), []);
    assert.deepEqual(unmatched(['.', 'loose'], []), ['.', 'loose']);
  });

  it('absolute paths are taken as display paths from the working folder', () => {
    assert.deepEqual(unmatched([`${CWD}/solutions/Sales`, `${CWD}/nothing`], files), [`${CWD}/nothing`]);
  });

  it('thousands of staged files against thousands of exports, each answered as the definition does', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `solutions/S${i % 50}/Workflows/Flow-${i}.json`);
    const given = [...many.filter((_, i) => i % 2 === 0), ...Array.from({ length: 100 }, (_, i) => `solutions/S${i}/Workflows/Flow-x.json`), 'solutions/S7', 'solutions/S70'];
    const expected = given.filter((g) => !many.some((f) => holds(f, g)));
    assert.equal(expected.length, 101);
    assert.deepEqual(unmatched(given, many), expected);
  });
});
