import rule from '../../../rules/reliability/runaway-loop';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'flag-never-set.json',
    why: "the loop waits for variables('done'), and only sets another variable",
    expect: [{ line: 106, column: 25, action: 'Wait_for_export', data: { check: 'condition-never-changes' } }],
  },
  {
    file: 'condition-reads-action-before-loop.json',
    why: "the loop tests body('Get_job'), which ran once before it, and only waits inside",
    expect: [{ line: 78, column: 25, action: 'Wait_until_job_completes', data: { check: 'condition-never-changes' } }],
  },
  {
    file: 'count-above-maximum.json',
    why: 'a count of 10000, above the 5,000 iterations the platform allows',
    expect: [{ line: 92, column: 22, action: 'Read_all_pages', data: { check: 'count-beyond-maximum', count: '10000' } }],
  },
  {
    file: 'timeout-longer-than-run.json',
    why: 'a timeout of P60D, longer than the 30 days a run may last',
    expect: [{ line: 111, column: 24, action: 'Until_approved', data: { check: 'timeout-beyond-run', timeout: 'P60D' } }],
  },
  {
    file: 'maximum-count-no-delay.json',
    why: 'a paging loop allowed 5,000 iterations that calls Dataverse in each with no Delay',
    expect: [{ line: 97, column: 22, action: 'Read_every_page', data: { check: 'calls-without-delay', calls: 1 } }],
  },
  { file: 'increments-counter.json', why: 'the loop sets or increments, inside a condition, the variables it tests', expect: [] },
  { file: 'polls-status-with-delay.json', why: 'the loop tests the status of an HTTP call inside it, and waits between calls', expect: [] },
  { file: 'bounded-loop.json', why: 'ten iterations at most: far below the maximum, so no Delay is needed', expect: [] },
  { file: 'parallel-branch-sets-flag.json', why: 'a parallel branch sets the flag while the loop waits for it', expect: [] },
  { file: 'deadline-from-clock.json', why: 'the condition reads the clock (utcNow()), which moves on while the loop waits', expect: [] },
  {
    file: 'calls-itself-7DAF5143-3B1D-EE11-9CBE-0022480A1F31.json',
    why: 'the flow runs itself as a child flow (its id is the GUID in its file name) with no condition around the call',
    expect: [{ line: 44, column: 9, action: 'Run_this_flow_again', data: { check: 'child-flow-cycle', flows: 1 } }],
  },
  { file: 'recursion-over-subfolders-8EB06254-3B1D-EE11-9CBE-0022480A1F31.json', why: 'the flow runs itself for each subfolder: the recursion ends with the folder tree', expect: [] },
  {
    file: 'child-flows-run-each-other',
    workspace: true,
    why: 'two child flows run each other on every run',
    expect: [
      { file: 'HELPERRefreshowner-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', line: 44, column: 9, action: 'Run_refresh_team', data: { check: 'child-flow-cycle', flows: 2 } },
      { file: 'HELPERRefreshteam-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json', line: 44, column: 9, action: 'Run_refresh_owner', data: { check: 'child-flow-cycle', flows: 2 } },
    ],
  },
  {
    file: 'lists-trigger-each-other',
    workspace: true,
    why: "each flow writes the list whose changes trigger the other, and neither trigger has a condition",
    expect: [
      { file: 'Copyinvoicestoledger-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', line: 50, column: 9, action: 'Create_ledger_entry', data: { check: 'trigger-cycle', flows: 2 } },
      { file: 'Copyledgertoinvoices-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json', line: 50, column: 9, action: 'Create_invoice', data: { check: 'trigger-cycle', flows: 2 } },
    ],
  },
  { file: 'lists-trigger-each-other-with-condition', workspace: true, why: "the ledger flow's trigger condition ignores the other flow's changes", expect: [] },
]);
