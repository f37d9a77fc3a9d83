import type { JsonDocument, JsonNode } from '../artifacts/json';
import type { SourceFile } from '../artifacts/source';
import type { Span } from '../text/range';

/** Where a model object came from: a file and a span of it. */
export interface SourceRef {
  source: SourceFile;
  span: Span;
}

/**
 * The connector a trigger or action uses. `id` is the short, lower-case connector name the
 * policies compare on: 'shared_sharepointonline', 'http', 'httpwebhook', 'httprequestreceived'.
 */
export interface ConnectorUse {
  id: string;
  /** The full api id when known: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline'. */
  apiId?: string;
  /** The operation: operationId, swaggerOperationId or, for path-based actions, the path. */
  operationId?: string;
  /** The node naming the operation, for findings about it. */
  operationAt?: JsonNode;
  /** The key in connectionReferences this step names, if any. */
  connectionName?: string;
  /** Where the connector is named (host, $connections expression), for pointing findings at. */
  at: JsonNode;
  /**
   * Set when the connector is a custom connector: the definition when the workspace holds it
   * (linked after loading, so a flow may call a connector of another solution), else what is
   * known of it. Undefined for Microsoft's own connectors and the built-ins.
   */
  custom?: CustomConnectorLink;
}

/** A step's link to a custom connector. */
export interface CustomConnectorLink {
  /** The connector's definition, when the workspace holds it. */
  connector?: CustomConnector;
  /** The logical name the flow's connection reference gives (api.logicalName), if any. */
  logicalName?: string;
}

/** One file of a custom connector component, by its role. */
export interface CustomConnectorFile {
  role: 'definition' | 'connection-parameters' | 'policy-templates' | 'custom-code' | 'icon' | 'metadata';
  /** Display path ('Sol.zip!Connector/x_openapidefinition.json'). */
  path: string;
}

/**
 * A custom connector carried by a solution (Connectors/ or Connector/ with
 * <logical>_openapidefinition.json and friends). Its host decides where its calls go and, under
 * tenant-level DLP policies, its group (see core/policy/classify.ts).
 */
export interface CustomConnector {
  /** Logical (schema) name, special characters encoded: 'cre80_5Fkursy-20walut-20nbp'. */
  logicalName: string;
  /** The connector record's GUID (<connectorid>), which connection references name in <customconnectorid>. */
  recordId?: string;
  /** info.title of the definition, else the component's display name, else the logical name. */
  title: string;
  /**
   * The host as the definition writes it ('api.nbp.pl'); with `hostKind` 'environment-variable'
   * or 'expression' it is the raw text ('@environmentVariables("cat_HitlHostUrl")').
   */
  host?: string;
  hostKind: 'literal' | 'environment-variable' | 'expression' | 'missing';
  /** The environment variable's schema name when the host is one. */
  hostVariable?: string;
  basePath?: string;
  /** 'https' unless the definition says otherwise. */
  schemes: string[];
  /** securityDefinitions types and connection parameter types: 'oauth2', 'apiKey', 'basic', ... */
  authTypes: string[];
  hasCustomCode: boolean;
  /** Connector ids (short, lower-case: 'shared_cre80-5fkursy-20walut-20nbp-5f9f745961df205669') known to name it. */
  apiNames: string[];
  /** The OpenAPI definition, parsed with positions, when it was readable. */
  definition?: JsonDocument;
  /** Other JSON files of the component, parsed, for the secret rules: connection parameters, policy templates. */
  jsonFiles: JsonDocument[];
  /** The custom code (C#), when the component has it. */
  customCode?: SourceFile;
  files: CustomConnectorFile[];
  /** Where the connector is described: its definition's root, else its XML. */
  at: SourceRef;
  /** The solution that carries it. */
  solution?: Solution;
}

export type StepKind = 'trigger' | 'action';

/** A trigger or an action at any depth of the flow. */
export interface Step {
  kind: StepKind;
  name: string;
  /** The workflow type: 'OpenApiConnection', 'Http', 'Scope', 'If', ... */
  type: string;
  /** The `kind` field where there is one (Request triggers: 'Http', 'PowerAppV2', ...). */
  subKind?: string;
  /** The step's object node. */
  node: JsonNode;
  /** The key node naming the step: findings on a step point here. */
  nameNode: JsonNode;
  inputs?: JsonNode;
  /** Enclosing scope, condition, switch or loop; undefined at the top level. */
  parent?: Step;
  /** Which branch of the parent holds this step: 'actions', 'else', 'case:<name>', 'default'. */
  branch?: string;
  children: Step[];
  runAfter: RunAfter[];
  connector?: ConnectorUse;
}

export interface RunAfter {
  action: string;
  statuses: string[];
  node: JsonNode;
}

export interface ConnectionReference {
  /** The key in the flow's connectionReferences ('shared_sharepointonline_1'). */
  key: string;
  /** The connector this reference links to, short and lower-case ('shared_sharepointonline'). */
  connectorId?: string;
  apiId?: string;
  /** connection.connectionReferenceLogicalName: the solution connection reference it stands for. */
  logicalName?: string;
  /** api.logicalName: the logical name of the custom connector it calls ('cre80_5Fkursy-20walut-20nbp'). */
  apiLogicalName?: string;
  runtimeSource?: string;
  node: JsonNode;
}

export interface FlowParameter {
  name: string;
  type?: string;
  node: JsonNode;
  defaultValue?: JsonNode;
  /** The environment variable schema name when the parameter stands for one. */
  schemaName?: string;
}

export type FlowFormat = 'solution-flow' | 'legacy-definition' | 'bare-definition';

export interface Flow {
  format: FlowFormat;
  doc: JsonDocument;
  /** The flow's display name, or its file name when the export has none. */
  displayName: string;
  /** The flow's id or name when the export has one. */
  id?: string;
  /** The workflow definition object node ({$schema, triggers, actions, ...}). */
  definition: JsonNode;
  triggers: Step[];
  /** Top-level actions; nested ones are under `children`. */
  actions: Step[];
  /** Every trigger and action, at any depth, in document order. */
  steps: Step[];
  connectionReferences: Map<string, ConnectionReference>;
  parameters: FlowParameter[];
  solution?: Solution;
}

export interface SolutionConnectionReference {
  logicalName: string;
  connectorId?: string;
  apiId?: string;
  displayName?: string;
  /** <customconnectorid><connectorid>: the GUID of the custom connector record it links to. */
  customConnectorId?: string;
  at: SourceRef;
}

export type EnvironmentVariableType = 'String' | 'Number' | 'Boolean' | 'JSON' | 'DataSource' | 'Secret' | 'Unknown';

export interface EnvironmentVariable {
  schemaName: string;
  displayName?: string;
  description?: string;
  type: EnvironmentVariableType;
  typeCode?: string;
  secretStore?: string;
  defaultValue?: string;
  /** The value from environmentvariablevalues.json, when the solution carries one. */
  value?: string;
  definitionAt: SourceRef;
  defaultValueAt?: SourceRef;
  valueAt?: SourceRef;
}

export interface DeploymentSettings {
  doc: JsonDocument;
  environmentVariables: { schemaName: string; value?: string; node: JsonNode; valueNode?: JsonNode }[];
  connectionReferences: { logicalName: string; connectionId?: string; connectorId?: string; node: JsonNode }[];
}

export interface Solution {
  /** Display path of the solution root: a folder or 'x.zip'. */
  path: string;
  layout: 'zip' | 'unpacked' | 'pac';
  uniqueName?: string;
  version?: string;
  managed?: boolean;
  flows: Flow[];
  connectionReferences: Map<string, SolutionConnectionReference>;
  environmentVariables: EnvironmentVariable[];
  deploymentSettings: DeploymentSettings[];
  /** Custom connectors the solution carries as components. */
  customConnectors: CustomConnector[];
}
