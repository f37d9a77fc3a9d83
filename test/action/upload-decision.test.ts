import * as assert from 'node:assert/strict';
import { decideUpload, type RunContext } from '../../action/upload-decision';

// How `upload-sarif: auto` tells whether code scanning can take the upload, from the event alone.

function repository(visibility: string | undefined, extra: Record<string, unknown> = {}): unknown {
  return { repository: { full_name: 'contoso/flows', private: visibility !== 'public', ...(visibility ? { visibility } : {}) }, ...extra };
}

const fromFork = { pull_request: { head: { repo: { full_name: 'mallory/flows' } } } };
const sameRepository = { pull_request: { head: { repo: { full_name: 'contoso/flows' } } } };

describe('GitHub Action: upload-sarif auto', () => {
  const cases: [string, RunContext, boolean, RegExp][] = [
    ['a push to a public repository', { event: repository('public'), eventName: 'push' }, true, /public repository/],
    ['a pull request within a public repository', { event: repository('public', sameRepository), eventName: 'pull_request' }, true, /public repository/],
    ['a private repository', { event: repository('private'), eventName: 'push' }, false, /private repository needs GitHub Advanced Security/],
    ['an internal repository (private: false, but Advanced Security is needed)', { event: { repository: { private: false, visibility: 'internal' } }, eventName: 'push' }, false, /internal repository/],
    ['no visibility in the payload', { event: { repository: { private: false } }, eventName: 'push' }, false, /visibility the event does not give/],
    ['no payload at all', {}, false, /visibility the event does not give/],
    ['a pull request from a fork', { event: repository('public', fromFork), eventName: 'pull_request' }, false, /from a fork gets a read-only token/],
    ['a pull request whose fork was deleted', { event: repository('public', { pull_request: { head: { repo: null } } }), eventName: 'pull_request' }, false, /from a fork/],
    ['a pull_request_target run for a fork (its token can write)', { event: repository('public', fromFork), eventName: 'pull_request_target' }, true, /public repository/],
    ["Dependabot's pull request", { event: repository('public', sameRepository), eventName: 'pull_request', actor: 'dependabot[bot]' }, false, /Dependabot/],
    ['GitHub Enterprise Server', { event: repository('public'), eventName: 'push', serverUrl: 'https://github.contoso.com' }, false, /on https:\/\/github\.contoso\.com needs GitHub Advanced Security/],
  ];
  for (const [name, context, upload, reason] of cases) {
    it(`${upload ? 'uploads' : 'annotates'}: ${name}`, () => {
      const decision = decideUpload('auto', context);
      assert.equal(decision.upload, upload);
      assert.match(decision.reason, reason);
    });
  }

  it('true and false are obeyed whatever the repository', () => {
    assert.equal(decideUpload('true', { event: repository('private') }).upload, true);
    assert.equal(decideUpload('false', { event: repository('public') }).upload, false);
  });
});
