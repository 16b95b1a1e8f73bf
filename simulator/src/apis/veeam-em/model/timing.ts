// How long Veeam's tasks and backup sessions take, as data; a scenario's `veeam-em.timing` overrides any
// entry and the simulator's task-duration scale multiplies them all (0 = instant).
export const DEFAULT_TIMING = {
  CloneJob: 3000,
  StartJob: 2000,
  StopJob: 2000,
  RetryJob: 2000,
  /** a backup session: this much, plus its data at sessionBytesPerSecond */
  sessionBaseMs: 30_000,
  sessionBytesPerSecond: 512 * 1024 ** 2,
};

export type Timing = typeof DEFAULT_TIMING;

export function sessionDurationMs(timing: Timing, bytes: number): number {
  return timing.sessionBaseMs + (bytes / timing.sessionBytesPerSecond) * 1000;
}
