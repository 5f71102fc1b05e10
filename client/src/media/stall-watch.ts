/**
 * Telling a stalled picture (pure): packets of a video keep arriving but no frame decodes, as after
 * a short network outage, when the decoder waits for a keyframe the browser would only ask for
 * after seconds. Given the previous and the current reading, which consumers to ask a keyframe for.
 */
export interface VideoProgress {
  consumerId: string;
  packets: number;
  frames: number;
}

export interface StallState {
  /** Per consumer: the last reading and since when its frames have not grown while packets did. */
  readings: Map<string, { packets: number; frames: number; stalledSince: number | undefined }>;
}

export function newStallState(): StallState {
  return { readings: new Map() };
}

/** Stalled this long (packets in, no frames) before a keyframe is asked for. */
export const STALL_MS = 300;

export function stalledConsumers(state: StallState, rows: readonly VideoProgress[], now: number): string[] {
  const stalled: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.consumerId);
    const before = state.readings.get(row.consumerId);
    let stalledSince: number | undefined;
    if (before && row.packets > before.packets && row.frames <= before.frames) stalledSince = before.stalledSince ?? now;
    state.readings.set(row.consumerId, { packets: row.packets, frames: row.frames, stalledSince });
    if (stalledSince !== undefined && now - stalledSince >= STALL_MS) stalled.push(row.consumerId);
  }
  for (const consumerId of [...state.readings.keys()]) if (!seen.has(consumerId)) state.readings.delete(consumerId);
  return stalled;
}
