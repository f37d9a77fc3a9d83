import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { emptyConfig } from '../../../core/config/types';
import { parseConfig } from '../../../core/config/load';
import { lintFlow } from '../../../core/engine/lint';
import { applyEdits } from '../../../core/fixes/apply-edits';
import { exceptionEdits, newConfigText, noteEdits, TODO_REASON } from '../../../core/fixes/suppress';
import incompleteCatch from '../../../rules/error-handling/incomplete-catch';
import { ROOT, flowFromText } from '../../helpers/fixtures';
import { fixtureText, laidOut } from '../../helpers/fix-cases';

const RULE = 'error-handling/incomplete-catch';
const entry = { rule: RULE, flow: 'failed-only', action: 'Catch', reason: TODO_REASON };

describe('fixes/suppressions', () => {
  for (const layout of ['as written', 'one line'] as const) {
    it(`a note on the action suppresses the finding (${layout})`, () => {
      const flow = flowFromText(laidOut(fixtureText(`${RULE}/failed-only.json`), layout));
      const step = flow.steps.find((s) => s.name === 'Catch')!;
      const noted = flowFromText(applyEdits(flow.doc.source.text, noteEdits(flow.doc, step, RULE)));
      const [finding] = lintFlow(noted, { rules: [incompleteCatch], policies: [], config: emptyConfig(ROOT) }).findings;
      assert.deepEqual(finding?.suppressed && { kind: finding.suppressed.kind, reason: finding.suppressed.reason }, { kind: 'note', reason: TODO_REASON });
    });
  }

  it('a note goes after what the description already says', () => {
    const text = fixtureText(`${RULE}/failed-only.json`).replace('"Catch": {', '"Catch": {\n          "description": "Tells the \\"ops\\" team",');
    const flow = flowFromText(text);
    const step = flow.steps.find((s) => s.name === 'Catch')!;
    const noted = JSON.parse(applyEdits(flow.doc.source.text, noteEdits(flow.doc, step, RULE)));
    assert.equal(noted.properties.definition.actions.Catch.description, `Tells the "ops" team flowguard-disable ${RULE} -- ${TODO_REASON}`);
  });

  it('an exception is added to the list flowguard.json has, or to a new one, and validates', () => {
    const withList = '{\n    "policies": [],\n    "exceptions": [\n        {\n            "rule": "dlp/mixed-groups",\n            "reason": "reviewed"\n        }\n    ]\n}\n';
    const withoutList = '{\n  "policies": []\n}\n';
    for (const text of [withList, withoutList, '{}', newConfigText(entry)]) {
      const doc = parseJson(sourceFromText('flowguard.json', text));
      const out = text === newConfigText(entry) ? text : applyEdits(text, exceptionEdits(doc, entry));
      const config = parseConfig(out, '/w/flowguard.json', 'flowguard.json');
      assert.deepEqual(config.exceptions.at(-1) && { ...config.exceptions.at(-1), at: undefined }, { ...entry, file: undefined, at: undefined });
    }
    const doc = parseJson(sourceFromText('flowguard.json', withList));
    assert.match(applyEdits(withList, exceptionEdits(doc, entry)), /\n        \},\n        \{\n            "rule": "error-handling\/incomplete-catch"/);
  });
});
