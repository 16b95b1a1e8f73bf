// The simulated Enterprise Manager: the small stores it is made of, shared by every handler.
import type { ApiContext } from '../../../core/api-module.js';
import { BackupSessions } from './backup-sessions.js';
import { Infrastructure } from './infrastructure.js';
import { Jobs } from './jobs.js';
import { Logons } from './logons.js';
import { VeeamTasks } from './tasks.js';
import { DEFAULT_TIMING, type Timing } from './timing.js';

export class VeeamModel {
  readonly infrastructure: Infrastructure;
  readonly jobs: Jobs;
  readonly logons: Logons;
  readonly tasks: VeeamTasks;
  readonly backupSessions: BackupSessions;
  private cachedTiming: Timing | undefined;

  constructor(readonly ctx: ApiContext) {
    this.infrastructure = new Infrastructure(ctx.store);
    this.jobs = new Jobs(ctx.store);
    this.logons = new Logons(ctx.store, ctx.clock, ctx.rng);
    this.tasks = new VeeamTasks(ctx);
    this.backupSessions = new BackupSessions(this);
  }

  timing(): Timing {
    this.cachedTiming ??= { ...DEFAULT_TIMING, ...(this.ctx.store.getMeta<Partial<Timing>>('veeam-em.timing') ?? {}) };
    return this.cachedTiming;
  }

  setTiming(overrides: Partial<Timing>): void {
    this.ctx.store.setMeta('veeam-em.timing', overrides);
    this.cachedTiming = undefined;
  }

  forgetCaches(): void {
    this.cachedTiming = undefined;
  }
}
