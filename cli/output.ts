import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliIO } from './io';

/** Writes a report to --output (creating its folder) or to standard output. */
export async function writeReport(report: string, output: string | undefined, io: CliIO): Promise<void> {
  if (!output) {
    io.stdout(report);
    return;
  }
  const file = path.resolve(io.cwd, output);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, report);
}
