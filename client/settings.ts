import * as vscode from 'vscode';

/** When the server lints an open document: on every change, or only when it is saved. */
export type RunMode = 'onType' | 'onSave';

const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];

/**
 * The editor settings. They choose whether and when FlowGuard lints, never what it reports:
 * that belongs to flowguard.json, which the CLI reads too.
 */
export interface Settings {
  enable: boolean;
  run: RunMode;
}

export function readSettings(): Settings {
  const section = vscode.workspace.getConfiguration('flowguard');
  const run = section.get<string>('run', 'onType');
  return {
    enable: section.get<boolean>('enable', true),
    run: RUN_MODES.find((mode) => mode === run) ?? 'onType',
  };
}
