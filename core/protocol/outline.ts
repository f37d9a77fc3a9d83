import { keyOf, prop, type JsonNode } from '../artifacts/json';
import type { Flow, Step } from '../model/types';
import type { Range, Span } from '../text/range';

/** What an outline entry stands for; front ends pick their own icon for each. */
export type OutlineKind = 'trigger' | 'action' | 'scope' | 'loop' | 'condition' | 'switch' | 'branch';

export interface OutlineNode {
  name: string;
  /** The workflow type ('OpenApiConnection', 'If', ...), or nothing for a branch. */
  detail?: string;
  kind: OutlineKind;
  /** From the name key to the end of the value, so the selection lies inside it. */
  range: Range;
  /** The name key. */
  selectionRange: Range;
  children: OutlineNode[];
}

const KIND_OF_TYPE: Record<string, OutlineKind> = { scope: 'scope', foreach: 'loop', until: 'loop', if: 'condition', switch: 'switch' };

/** A branch of a condition or switch: the property holding its actions, and which steps sit in it. */
interface Branch {
  name: string;
  branch: string;
  property: JsonNode;
}

function spanOf(from: JsonNode, to: JsonNode): Span {
  return { offset: from.offset, length: to.offset + to.length - from.offset };
}

function property(value: JsonNode | undefined): JsonNode | undefined {
  return value?.parent?.type === 'property' ? value.parent : undefined;
}

/** The branches as the designer shows them: True and False; each case, then Default. */
function branchesOf(step: Step): Branch[] {
  const out: Branch[] = [];
  const add = (name: string, branch: string, value: JsonNode | undefined): void => {
    const holder = property(value);
    if (holder) out.push({ name, branch, property: holder });
  };
  if (step.type.toLowerCase() === 'if') {
    add('True', 'actions', prop(step.node, 'actions'));
    add('False', 'else', prop(step.node, 'else'));
  } else {
    for (const caseNode of prop(step.node, 'cases')?.children ?? []) {
      const [key, value] = caseNode.children ?? [];
      if (key && value) add(`Case ${String(key.value)}`, `case:${String(key.value)}`, value);
    }
    add('Default', 'default', prop(step.node, 'default'));
  }
  return out;
}

/** The outline of a flow: triggers, then actions as the tree the designer shows (scopes, branches, loops). */
export function flowOutline(flow: Flow): OutlineNode[] {
  const lines = flow.doc.source.lines;
  const rangeOf = (span: Span): Range => lines.rangeOf(span);
  const nodeOf = (step: Step): OutlineNode => {
    const kind = step.kind === 'trigger' ? 'trigger' : (KIND_OF_TYPE[step.type.toLowerCase()] ?? 'action');
    const outline: OutlineNode = {
      name: step.name,
      detail: step.type,
      kind,
      range: rangeOf(spanOf(step.nameNode, step.node)),
      selectionRange: rangeOf(step.nameNode),
      children: [],
    };
    if (kind === 'condition' || kind === 'switch') {
      outline.children = branchesOf(step).map((b) => {
        const key = keyOf(b.property.children?.[1] ?? b.property) ?? b.property;
        return {
          name: b.name,
          kind: 'branch' as const,
          range: rangeOf(b.property),
          selectionRange: rangeOf(key),
          children: step.children.filter((c) => c.branch === b.branch).map(nodeOf),
        };
      });
    } else {
      outline.children = step.children.map(nodeOf);
    }
    return outline;
  };
  return [...flow.triggers, ...flow.actions].map(nodeOf);
}
