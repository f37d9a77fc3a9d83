import { tuneTiering } from './tiering';

// Imported first by each entry point (cli/main.ts, server/main.ts, action/bundle.ts), so that
// the budget is set before any of the engine's code runs (see tiering.ts).
tuneTiering();
