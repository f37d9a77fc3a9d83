import { at, items, str } from '../artifacts/json';
import type { Step } from '../model/types';

/** What `runtimeConfiguration.secureData.properties` hides from run history: 'inputs', 'outputs'. */
export function securedProperties(step: Step): Set<'inputs' | 'outputs'> {
  const out = new Set<'inputs' | 'outputs'>();
  for (const node of items(at(step.node, 'runtimeConfiguration', 'secureData', 'properties'))) {
    const value = str(node)?.toLowerCase();
    if (value === 'inputs' || value === 'outputs') out.add(value);
  }
  return out;
}

/** Action types on which the platform offers no secure inputs or outputs at all. */
const NO_SECURE_DATA = new Set(['initializevariable', 'setvariable', 'appendtoarrayvariable', 'appendtostringvariable', 'incrementvariable', 'decrementvariable', 'foreach', 'if', 'scope', 'switch', 'terminate', 'until']);

export function supportsSecureData(step: Step): boolean {
  return !NO_SECURE_DATA.has(step.type.toLowerCase());
}
