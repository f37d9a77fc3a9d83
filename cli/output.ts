import * as path from 'node:path';
import type { CliIO } from './io';
import { writeOutputFile } from './write-output';

/** Writes a report to --output (creating its folder) or to standard output. */
export async function writeReport(report: string, output: string | undefined, io: CliIO): Promise<void> {
  if (!output) {
    io.stdout(report);
    return;
  }
  await writeOutputFile(path.resolve(io.cwd, output), report, '--output', io.cwd);
}
