/**
 * Where FlowGuard lives: its repository, rule pages and issue tracker. Diagnostics' code links,
 * SARIF's informationUri, the extension's package.json (repository, homepage, bugs) and the
 * READMEs all name this one place; test/unit/project/project-home.test.ts fails when one drifts.
 */
export const PROJECT_HOME = 'https://github.com/flowguard/flowguard';

/** The branch the published links read, so a rule page is linked where it is kept. */
export const DOCS_BRANCH = 'main';

/** The rule pages, docs/rules/<id>.md in the repository (they also ship in the .vsix). */
export const RULE_DOCS_BASE = `${PROJECT_HOME}/blob/${DOCS_BRANCH}/docs/rules/`;

export const ISSUES_URL = `${PROJECT_HOME}/issues`;
