import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './types';

export type { FormatOptions, Formatter } from './types';

/** The names are part of the CLI's contract (`--format <name>`); keep them stable. */
export const formatters: Record<'stylish' | 'json' | 'sarif', Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
};
