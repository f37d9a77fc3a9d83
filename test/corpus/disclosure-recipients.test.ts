import * as assert from 'node:assert/strict';
import { emptyConfig, type Config } from '../../core/config/types';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import type { LintResult } from '../../core/engine/result';
import type { Workspace } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import externalRecipient, { NEEDS_DOMAINS_NOTICE } from '../../rules/exfiltration/external-recipient';
import secretDisclosure from '../../rules/secrets/secret-disclosure';
import { CORPUS_DIR, requireCorpus } from '../helpers/corpus';

/** Counts by the finding's `data.kind`, for the log. */
function byKind(result: LintResult): string {
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(String(f.data?.kind), (counts.get(String(f.data?.kind)) ?? 0) + 1);
  return [...counts].sort().map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
}

describe('corpus: secrets/secret-disclosure and exfiltration/external-recipient', function () {
  this.timeout(300_000);
  let ws: Workspace;
  const lint = (config: Partial<Config>, rule = externalRecipient): LintResult =>
    lintWorkspace(ws, { config: { ...emptyConfig(CORPUS_DIR), ...config }, policies: [], applicable: [], policyFiles: [] }, [rule]);

  before(async function () {
    requireCorpus(this);
    ws = await loadPaths(['.'], { cwd: CORPUS_DIR, maxFiles: 100_000 });
  });

  it('secret-disclosure: only the SCuBA setup flow, which stores the client secret typed into its app in a String environment variable', () => {
    const result = lint({}, secretDisclosure);
    console.log(`      secrets/secret-disclosure: ${result.findings.length} (${byKind(result)})`);
    // Every other secret of the corpus (Secret environment variables, Key Vault, the ALM Accelerator's
    // password input, the SCuBA parameter defaults) is used as a credential: HTTP authentication or
    // a token request's password or client_secret field.
    const flow = 'Workflows/SCuBASetupSetScubaClientApplicationInfo-8AC12155-4850-F011-877A-7C1E5215EA1B.json';
    assert.deepEqual(
      result.findings.map((f) => [f.file.replace(/^.*\/(?=[^/]*\.zip!)/, ''), f.action, f.data?.kind, f.data?.place]),
      [
        [`PowerPlatformSCuBACOE.Solution.zip!${flow}`, 'admin_SCuBACoEApplicationClientSecret', 'trigger-input', 'store'],
        [`PowerPlatformSCuBACOE.Solution_managed.zip!${flow}`, 'admin_SCuBACoEApplicationClientSecret', 'trigger-input', 'store'],
      ],
    );
  });

  it('external-recipient without organisation domains: nothing reported, and one notice for the run', () => {
    const result = lint({});
    assert.deepEqual(result.findings, []);
    assert.equal(result.notices.filter((n) => n.message === NEEDS_DOMAINS_NOTICE).length, 1);
  });

  it('external-recipient for a tenant none of the flows belongs to: the hard-coded addresses and the environment variables', () => {
    const result = lint({ organizationDomains: ['contoso.com'] });
    console.log(`      exfiltration/external-recipient (organizationDomains contoso.com): ${result.findings.length} (${byKind(result)})`);
    const external = result.findings.filter((f) => f.data?.kind === 'external');
    // The Campanula flow mails Forms answers to its author's own address, written in the flow.
    assert.deepEqual([...new Set(external.map((f) => f.data?.recipient))], ['martin.mikes@campanulajihlava.cz']);
    // The CoE kits mail inventory rows to the admin their environment variables name.
    const unverifiable = result.findings.filter((f) => f.data?.kind === 'unverifiable');
    assert.deepEqual(
      [...new Set(unverifiable.map((f) => f.data?.recipient))].sort(),
      ["environment variable 'Admin eMail'", "environment variable 'Individual Admin (admin_ApprovalAdmin)'"],
    );
    assert.equal(external.length + unverifiable.length, result.findings.length);
  });

  it("external-recipient with the authors' own domain: their hard-coded addresses are internal", () => {
    const result = lint({ organizationDomains: ['campanulajihlava.cz'] });
    assert.deepEqual(result.findings.filter((f) => f.data?.kind === 'external'), []);
  });
});
