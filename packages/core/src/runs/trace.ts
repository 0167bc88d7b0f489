// Turns what a Mastra generate call produced (its steps, our tool-call records, step timings) into the rows of
// a trace: one `llm` step per model call and one `tool-call` step per tool execution, in order.
import type { ToolCallRecord } from '../tools/registry';

export interface StepObservation {
  text: string;
  finishReason?: string;
  usage: { inputTokens: number; outputTokens: number };
  toolCalls: { toolCallId?: string; toolName: string; args: unknown }[];
  /** Wall time from the previous step's end (or the run's start) to this step's end, ms. */
  elapsedMs: number;
  /** Wall-clock start of the step (the previous step's end). */
  startedAt: Date;
}

export interface TraceStepRow {
  stepNumber: number;
  type: 'llm' | 'tool-call';
  content: Record<string, unknown>;
  durationMs: number;
  startedAt: Date;
}

const toolRow = (call: ToolCallRecord, stepNumber: number): TraceStepRow => ({
  stepNumber,
  type: 'tool-call',
  durationMs: Math.round(call.durationMs),
  startedAt: call.startedAt,
  content: {
    toolCallId: call.toolCallId,
    toolKey: call.toolKey,
    input: call.input,
    output: call.output,
    success: call.success,
    error: call.error,
  },
});

/** Orders model steps and tool calls into trace steps; a tool call belongs to the model step that requested it. */
export function buildTraceSteps(
  steps: StepObservation[],
  calls: ToolCallRecord[],
): { rows: TraceStepRow[]; callStep: Map<ToolCallRecord, number> } {
  const rows: TraceStepRow[] = [];
  const callStep = new Map<ToolCallRecord, number>();
  const remaining = [...calls];
  const appendTool = (call: ToolCallRecord) => {
    callStep.set(call, rows.length + 1);
    rows.push(toolRow(call, rows.length + 1));
  };
  steps.forEach((step, i) => {
    const mine = step.toolCalls.flatMap((tc) => {
      const idx = remaining.findIndex((c) =>
        tc.toolCallId && c.toolCallId ? c.toolCallId === tc.toolCallId : c.toolKey === tc.toolName,
      );
      return idx >= 0 ? remaining.splice(idx, 1) : [];
    });
    const toolTime = mine.reduce((sum, c) => sum + c.durationMs, 0);
    rows.push({
      stepNumber: rows.length + 1,
      type: 'llm',
      durationMs: Math.max(0, Math.round(step.elapsedMs - toolTime)),
      startedAt: step.startedAt,
      content: {
        modelStep: i + 1,
        text: step.text,
        finishReason: step.finishReason,
        usage: step.usage,
        toolCalls: step.toolCalls,
      },
    });
    for (const call of mine) appendTool(call);
  });
  for (const call of remaining) appendTool(call);
  return { rows, callStep };
}
