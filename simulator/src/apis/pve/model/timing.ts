// How long PVE's worker tasks take, as data. A scenario's `pve.timing` section overrides any entry; the
// simulator's task-duration scale multiplies them all (0 = instant).
import { GiB } from './units.js';

export const DEFAULT_TIMING = {
  /** full clones copy at this rate, plus cloneBaseMs */
  cloneBytesPerSecond: GiB,
  cloneBaseMs: 1000,
  linkedCloneMs: 1000,
  qmstart: 1500,
  qmstop: 1000,
  qmshutdown: 3000,
  qmreboot: 4000,
  qmdestroy: 1500,
  qmtemplate: 2000,
  qmconfig: 500,
  qmresize: 500,
  qmcreate: 1000,
  qmsnapshot: 1500,
  qmrollback: 1500,
  qmdelsnapshot: 1000,
  qmigrate: 3000,
};

export type Timing = typeof DEFAULT_TIMING;
export type TimedTaskType = Exclude<keyof Timing, 'cloneBytesPerSecond' | 'cloneBaseMs' | 'linkedCloneMs'>;

export function cloneDurationMs(timing: Timing, full: boolean, bytes: number): number {
  return full ? timing.cloneBaseMs + (bytes / timing.cloneBytesPerSecond) * 1000 : timing.linkedCloneMs;
}
