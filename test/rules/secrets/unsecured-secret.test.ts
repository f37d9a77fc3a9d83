import rule from '../../../rules/secrets/unsecured-secret';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'key-vault-unsecured-outputs.json',
    why: 'Key Vault Get secret without secure outputs shows the secret in run history',
    expect: [{ line: 40, column: 9, action: 'Get_secret', data: { kind: 'source-outputs', secure: 'outputs' } }],
  },
  {
    file: 'environment-secret-unsecured.json',
    why: 'RetrieveEnvironmentVariableSecretValue without secure outputs',
    expect: [{ line: 40, column: 9, action: 'Get_client_secret', data: { kind: 'source-outputs', secure: 'outputs' } }],
  },
  {
    file: 'secret-through-compose.json',
    why: 'a secured secret passed on through Compose is not hidden again: the HTTP call needs secure inputs (one finding, not two)',
    expect: [{ line: 71, column: 9, action: 'Call_partner', data: { kind: 'passed-on', secure: 'inputs' } }],
  },
  {
    file: 'secret-in-variable.json',
    why: 'a secret stored in a variable, then used in an e-mail body',
    expect: [
      { line: 71, column: 9, action: 'Initialize_apiKey', data: { kind: 'variable' } },
      { line: 88, column: 9, action: 'Send_an_email_(V2)', data: { kind: 'passed-on', secure: 'inputs' } },
    ],
  },
  {
    file: 'http-basic-from-parameter.json',
    why: 'Basic authentication with the password from a parameter, without secure inputs',
    expect: [{ line: 46, column: 31, action: 'Call_legacy_api', data: { kind: 'http-credentials', secure: 'inputs' } }],
  },
  { file: 'secured-everywhere.json', why: 'secure outputs on the secret, secure inputs on both HTTP calls', expect: [] },
  {
    file: 'trigger-secret-in-variable.json',
    why: 'a client secret typed into a Power Apps (V2) trigger input, kept in a variable and sent to the token endpoint',
    expect: [
      { line: 18, column: 9, action: 'manual', data: { kind: 'source-outputs', secure: 'outputs' } },
      { line: 57, column: 9, action: 'Initialize_clientSecret', data: { kind: 'variable' } },
      { line: 70, column: 9, action: 'Get_token', data: { kind: 'passed-on', secure: 'inputs' } },
    ],
  },
  { file: 'trigger-inputs-not-secret.json', why: 'tenant id, client id and search text are not credentials', expect: [] },
  { file: 'managed-identity.json', why: 'managed identity carries no credential in the inputs', expect: [] },
]);
