import { prop, str } from '../artifacts/json';
import type { Step } from '../model/types';
import { triggerSecretInputs } from './trigger-secrets';

export type SecretSourceKind = 'key-vault' | 'secret-environment-variable' | 'trigger-input';

/**
 * Steps whose outputs are a secret read at run time: Azure Key Vault "Get secret",
 * Dataverse's RetrieveEnvironmentVariableSecretValue (an environment variable of type Secret),
 * and a manual or HTTP request trigger with an input named like a credential, which the caller
 * sends with the request (only those inputs are the secret: see ./trigger-secrets).
 */
export function secretSource(step: Step): SecretSourceKind | undefined {
  if (step.kind === 'trigger') return triggerSecretInputs(step).length > 0 ? 'trigger-input' : undefined;
  const connector = step.connector;
  if (!connector || step.kind !== 'action') return undefined;
  const operation = connector.operationId?.toLowerCase();
  if (connector.id === 'shared_keyvault' && (operation === 'getsecret' || operation === 'getsecretversion')) return 'key-vault';
  if (connector.id === 'shared_commondataserviceforapps' && operation?.startsWith('performunboundaction')) {
    const action = str(prop(prop(step.inputs, 'parameters'), 'actionName'));
    if (action?.toLowerCase() === 'retrieveenvironmentvariablesecretvalue') return 'secret-environment-variable';
  }
  return undefined;
}
