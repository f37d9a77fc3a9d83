import * as path from 'node:path';
import { displayPath } from '../core/artifacts/paths';
import { ArtifactError } from '../core/artifacts/source';
import type { FileTree } from '../core/artifacts/tree';
import { Workspace } from '../core/workspace/collector';
import { loadFlowEntry } from '../core/workspace/flow-entry';
import { linkWorkspace } from '../core/workspace/link';
import { loadZip } from '../core/workspace/load-zip';

// --stdin is for editors and tools that hold the text: they pass the file's name, which decides
// how the text is read (a flow .json, or a solution or package .zip), is the path in the report,
// and is where flowguard.json is searched from. The text is read as if met in a folder, as the
// language server reads an open buffer: JSON that is no flow is not an error here, only "no
// export", which --no-error-on-unmatched-pattern allows.

/** The display path of standard input when no --stdin-filename names it. */
export const STDIN_DISPLAY = '<stdin>';

/** A tree holding the one text, so it goes through the loaders a file on disk goes through. */
function memoryTree(display: string, bytes: Uint8Array): FileTree {
  const slash = display.lastIndexOf('/');
  const label = slash === -1 ? '' : display.slice(0, slash + 1);
  const name = display.slice(slash + 1);
  return {
    label,
    kind: 'folder',
    list: () => [name],
    read: (rel) => (rel === name ? Promise.resolve(bytes) : Promise.reject(new ArtifactError(label + rel, `${label}${rel} is not in standard input.`))),
    has: (rel) => rel === name,
    findIgnoreCase: (rel) => (rel.toLowerCase() === name.toLowerCase() ? name : undefined),
  };
}

export interface StdinInput {
  bytes: Uint8Array;
  /** --stdin-filename, relative to the cwd; undefined reads the text as a flow .json named <stdin>. */
  name?: string;
  cwd: string;
}

/** The display path standard input is reported under. */
export function stdinDisplay(input: Pick<StdinInput, 'name' | 'cwd'>): string {
  return input.name === undefined ? STDIN_DISPLAY : displayPath(path.resolve(input.cwd, input.name), input.cwd);
}

export async function loadStdin(input: StdinInput): Promise<Workspace> {
  const ws = new Workspace();
  const display = stdinDisplay(input);
  const lower = (input.name ?? '.json').toLowerCase();
  if (lower.endsWith('.zip')) await loadZip(display, input.bytes, ws, { named: false });
  else if (lower.endsWith('.json')) await loadFlowEntry(memoryTree(display, input.bytes), display.slice(display.lastIndexOf('/') + 1), ws);
  linkWorkspace(ws);
  return ws;
}
