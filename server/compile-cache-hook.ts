// How the server's launcher (server/launcher.ts) and the bundle it runs talk about the V8 code
// cache: the launcher offers the function that writes the pass worker's cache, and the worker
// calls it once its first pass is done, when the functions a pass compiles are in it. (The
// language server's own thread writes its cache at exit, as the CLI does.) A global, since the
// launcher and the bundle are two builds, each with its own modules.
const KEY = Symbol.for('flowguard.saveCompileCache');

type Holder = { [KEY]?: () => void };

/** The launcher's side: `write` writes the cache, once. */
export function offerCompileCache(write: () => void): void {
  (globalThis as Holder)[KEY] = write;
}

/** Writes the code cache the launcher offered, if it offered one (a development bundle has no launcher); once. */
export function saveCompileCache(): void {
  const holder = globalThis as Holder;
  const write = holder[KEY];
  delete holder[KEY];
  write?.();
}
