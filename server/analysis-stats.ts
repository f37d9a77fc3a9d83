import { RequestType } from 'vscode-languageserver/node';

/** Why a flow was analysed between two passes. */
export type AnalysisReason = 'buffer' | 'saved';

export interface StatsParams {
  /** Start counting afresh once the answer is made. */
  reset?: boolean;
}

export interface StatsResult {
  /** Every analysis (the rules run on one flow) since the start or the last reset, in order. */
  analyses: { file: string; reason: AnalysisReason }[];
  /** Workspace passes that ran to their end, and the flows they linted. */
  passes: number;
  passFlows: number;
}

/**
 * 'flowguard/stats': what the server analysed, answered once no lint is waiting or running, so a
 * test (or a curious maker) sees what an edit cost without timing anything: one flow edited in a
 * workspace of many gives one analysis, plus one per flow whose findings it changes.
 */
export const StatsRequest = new RequestType<StatsParams | null | undefined, StatsResult, void>('flowguard/stats');

export class AnalysisStats {
  private analyses: StatsResult['analyses'] = [];
  private passes = 0;
  private passFlows = 0;

  analysed(file: string, reason: AnalysisReason): void {
    // Bounded: a long session must not grow it without end.
    if (this.analyses.length >= 10_000) this.analyses.shift();
    this.analyses.push({ file, reason });
  }

  passed(flows: number): void {
    this.passes++;
    this.passFlows += flows;
  }

  read(reset: boolean): StatsResult {
    const result = { analyses: this.analyses, passes: this.passes, passFlows: this.passFlows };
    if (reset) {
      this.analyses = [];
      this.passes = 0;
      this.passFlows = 0;
    }
    return result;
  }
}
