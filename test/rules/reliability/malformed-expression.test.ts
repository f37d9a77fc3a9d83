import rule from '../../../rules/reliability/malformed-expression';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'unclosed-call.json', why: 'an interpolation whose length( call is never closed', expect: [{ line: 60, column: 37, action: 'Compose_count' }] },
  { file: 'valid-expressions.json', why: 'a closed interpolation, an e-mail address in text and an @@ escape', expect: [] },
]);
