// Trace sampling (SPEC §11): whether a run's trace keeps its contents. Decided from the run id, so every process
// decides the same for the same run; rate 1 keeps all (the default), 0 keeps none.
import { createHash } from 'node:crypto';

export function isSampled(runId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return createHash('sha256').update(runId).digest().readUInt32BE(0) / 0x1_0000_0000 < rate;
}
