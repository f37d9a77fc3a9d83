import type { Rule } from '../core/engine/rule';
import blockedAction from './dlp/blocked-action';
import blockedConnector from './dlp/blocked-connector';
import endpointDenied from './dlp/endpoint-denied';
import endpointUnverifiable from './dlp/endpoint-unverifiable';
import mixedGroups from './dlp/mixed-groups';
import unclassifiedConnector from './dlp/unclassified-connector';
import incompleteCatch from './error-handling/incomplete-catch';
import noFailurePath from './error-handling/no-failure-path';
import retryDisabled from './error-handling/retry-disabled';
import anonymousDataExposure from './exfiltration/anonymous-data-exposure';
import anonymousHttpTrigger from './exfiltration/anonymous-http-trigger';
import externalConnectorDataPath from './exfiltration/external-connector-data-path';
import externalRecipient from './exfiltration/external-recipient';
import httpDataPath from './exfiltration/http-data-path';
import unresolvedChildFlow from './exfiltration/unresolved-child-flow';
import danglingReference from './reliability/dangling-reference';
import malformedExpression from './reliability/malformed-expression';
import runawayLoop from './reliability/runaway-loop';
import triggerLoop from './reliability/trigger-loop';
import hardcodedSecret from './secrets/hardcoded-secret';
import plaintextSecretVariable from './secrets/plaintext-secret-variable';
import secretDisclosure from './secrets/secret-disclosure';
import unsecuredSecret from './secrets/unsecured-secret';
import missingReason from './suppressions/missing-reason';

/** Every rule FlowGuard has, in id order. */
export const allRules: readonly Rule[] = [
  blockedAction,
  blockedConnector,
  endpointDenied,
  endpointUnverifiable,
  mixedGroups,
  unclassifiedConnector,
  incompleteCatch,
  noFailurePath,
  retryDisabled,
  anonymousHttpTrigger,
  anonymousDataExposure,
  externalConnectorDataPath,
  externalRecipient,
  httpDataPath,
  unresolvedChildFlow,
  triggerLoop,
  danglingReference,
  malformedExpression,
  runawayLoop,
  hardcodedSecret,
  unsecuredSecret,
  plaintextSecretVariable,
  secretDisclosure,
  missingReason,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
