import { setFlagsFromString } from 'node:v8';

// A lint is short and runs much code once per flow: V8 spends more on optimising it (TurboFan,
// on background threads) than the optimised code then saves. Raising the interrupt budget, the
// amount of work a function does before it is considered for optimisation (67,584 by default in
// V8 11, Node 20, as `node --v8-options` prints it), from the default to 1,000,000 leaves the
// hottest functions optimised and the rest in baseline code. Measured over ../shared/corpus
// (369 flows, node 20.20, 2 cores, paired runs): process CPU 1.77 s -> 1.20 s, wall unchanged
// (1.1-1.3 s, noisy); on 3,000 generated flows, CPU and wall unchanged within the noise. Set
// before the engine's code first runs, in every FlowGuard process and thread (each is an
// isolate: the CLI, its lint workers, the language server and its pass worker).
//
// V8 prints an error for a flag it does not know, so only V8 versions known to have this one are
// told (11: Node 20; 12: Node 22; 13: Node 23-24). A budget the user set (NODE_OPTIONS or
// node's own options) is theirs; FLOWGUARD_V8_DEFAULTS=1 keeps V8's defaults.

export const INTERRUPT_BUDGET = 1_000_000;

const KNOWN_V8_MAJORS = new Set([11, 12, 13]);

/** Whether this process should get FlowGuard's budget: a known V8, no budget of the user's. */
export function wantsTiering(v8Version: string, env: NodeJS.ProcessEnv, execArgv: readonly string[]): boolean {
  if (env.FLOWGUARD_V8_DEFAULTS === '1') return false;
  if (!KNOWN_V8_MAJORS.has(Number(v8Version.split('.')[0]))) return false;
  const given = [...execArgv, env.NODE_OPTIONS ?? ''].join(' ');
  return !/--interrupt[-_]budget/.test(given);
}

let tuned = false;

/** Sets the budget once per isolate; never throws. */
export function tuneTiering(): void {
  if (tuned) return;
  tuned = true;
  try {
    if (wantsTiering(process.versions.v8, process.env, process.execArgv)) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // V8's defaults, then.
  }
}
