import type { Readable } from 'node:stream';
import { MAX_FILE_BYTES } from '../core/limits';
import { CliError } from './errors';

/** All of a stream, refused past the size FlowGuard reads of any one file (core/limits.ts). */
export async function readAll(stream: Readable, maxBytes = MAX_FILE_BYTES): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new CliError(`standard input is larger than ${Math.floor(maxBytes / 1024 / 1024)} MiB, the most FlowGuard reads of one file.`);
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
