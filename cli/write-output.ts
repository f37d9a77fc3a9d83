import { promises as fs, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../core/artifacts/paths';
import { writeRefusal, writeRegularFile } from '../core/fixes/write-guard';
import { CliError } from './errors';

const STANDARD_STREAMS = new Map([['/dev/stdout', 1], ['/dev/stderr', 2]]);

/**
 * Writes a file the user named (--output, a baseline), creating its folder: only a regular file
 * or a new one, never a folder, a device or FIFO, or through a symbolic link. `option` names
 * what the path came from, so the message says which argument to change.
 */
export async function writeOutputFile(abs: string, text: string | Uint8Array, option: string, cwd: string): Promise<void> {
  // The user typed this name on the command line (workspace content never names an output), so
  // the standard streams are what they asked for, not a device a hostile repository slipped in.
  // Written to the descriptor itself: opening /dev/stdout fails (ENXIO) when it is a socket.
  const stream = STANDARD_STREAMS.get(abs);
  if (stream !== undefined) {
    writeFileSync(stream, text);
    return;
  }
  const display = displayPath(abs, cwd);
  const refusal = await writeRefusal(abs);
  if (refusal) throw new CliError(`${option} ${display}: not written: ${refusal}. Name a regular file.`);
  try {
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await writeRegularFile(abs, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${option} ${display}: cannot write it (${code ?? (error instanceof Error ? error.message : String(error))}).`);
  }
}
