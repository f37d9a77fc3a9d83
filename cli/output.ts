import * as path from 'node:path';
import type { CliIO } from './io';
import { writeOutputFile } from './write-output';

/** Writes a report to --output (creating its folder) or to standard output; bytes are UTF-8 and written as they are. */
export async function writeReport(report: string | Uint8Array, output: string | undefined, io: CliIO): Promise<void> {
  if (!output) {
    if (typeof report === 'string') io.stdout(report);
    else if (io.stdoutBytes) io.stdoutBytes(report);
    else io.stdout(Buffer.from(report.buffer, report.byteOffset, report.byteLength).toString('utf8'));
    return;
  }
  await writeOutputFile(path.resolve(io.cwd, output), report, '--output', io.cwd);
}
