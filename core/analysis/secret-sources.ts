import { prop, str } from '../artifacts/json';
import type { Step } from '../model/types';

/**
 * Steps whose outputs are a secret read at run time: Azure Key Vault "Get secret" and
 * Dataverse's RetrieveEnvironmentVariableSecretValue (an environment variable of type Secret).
 */
export function secretSource(step: Step): 'key-vault' | 'secret-environment-variable' | undefined {
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
