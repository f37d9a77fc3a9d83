import type { Rule } from '../core/engine/rule';
import blockedAction from './dlp/blocked-action';
import blockedConnector from './dlp/blocked-connector';
import endpointDenied from './dlp/endpoint-denied';
import endpointUnverifiable from './dlp/endpoint-unverifiable';
import mixedGroups from './dlp/mixed-groups';
import unclassifiedConnector from './dlp/unclassified-connector';

/** Every rule FlowGuard has, in id order. */
export const allRules: readonly Rule[] = [
  blockedAction,
  blockedConnector,
  endpointDenied,
  endpointUnverifiable,
  mixedGroups,
  unclassifiedConnector,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
