// Latency and failure rules, asked once per request at one choke point (after routing and auth, before
// the handler). Rules are values; the first rule that matches a request decides. Counters live in the
// store and chance comes from the seeded generator, so a run under a seed replays exactly.
import type { Rng } from './rng.js';
import type { Migration, Store } from './store.js';
import type { TaskPlan } from './tasks.js';

export type Latency =
  | { fixed: number }
  | { uniform: { min: number; max: number } }
  | { lognormal: { median: number; sigma: number } };

export type ConnectionFault = 'reset' | 'hang' | 'empty';

export interface FaultRule {
  /** a label shown in the journal and in errors */
  name?: string;
  /** API name or '*' */
  api: string;
  /** operationId or '*' (default) */
  operationId?: string;
  /** request parameter values that must all match (compared as text) */
  params?: Record<string, string | number | boolean>;
  /** chance that a matching request is hit, 0..1 (default 1) */
  probability?: number;
  /** let the first N matching requests through untouched */
  skipCount?: number;
  /** hit at most N requests (after skipCount) */
  maxCount?: number;
  latency?: Latency;
  /** answer with this HTTP error in the vendor's own error shape */
  error?: { status: number; message?: string };
  connection?: ConnectionFault;
  /** for operations that start a task: plan its failure, or let it run forever */
  task?: { fail: string } | { stall: true };
}

export interface FaultDecision {
  rule: string;
  latencyMs: number;
  error?: { status: number; message?: string };
  connection?: ConnectionFault;
  task?: TaskPlan;
}

export const faultMigrations: Migration[] = [
  {
    id: 'core/002-fault-counters',
    sql: 'CREATE TABLE fault_counters (rule INTEGER PRIMARY KEY, matched INTEGER NOT NULL, hit INTEGER NOT NULL);',
  },
];

export class FaultRuleError extends Error {
  override name = 'FaultRuleError';
}

export class Faults {
  private rules: FaultRule[];

  constructor(
    private readonly store: Store,
    private readonly rng: Rng,
  ) {
    this.rules = store.getMeta<FaultRule[]>('faults.rules') ?? [];
  }

  list(): FaultRule[] {
    return this.rules;
  }

  /** Validates and installs a new rule list; counters start again from zero. */
  replace(input: unknown): FaultRule[] {
    const rules = parseFaultRules(input);
    this.store.transaction(() => {
      this.store.setMeta('faults.rules', rules);
      this.store.run('DELETE FROM fault_counters');
    });
    this.rules = rules;
    return rules;
  }

  /** Appends one rule; the other rules keep their counters. Returns its index. */
  add(input: unknown): number {
    const rule = parseRule(input, `faults[${this.rules.length}]`);
    const rules = [...this.rules, rule];
    this.store.setMeta('faults.rules', rules);
    this.rules = rules;
    return rules.length - 1;
  }

  /** Replaces the rule at `index`; its counters start again, the others keep theirs. */
  update(index: number, input: unknown): FaultRule {
    this.requireIndex(index);
    const rule = parseRule(input, `faults[${index}]`);
    const rules = this.rules.map((r, i) => (i === index ? rule : r));
    this.store.transaction(() => {
      this.store.setMeta('faults.rules', rules);
      this.store.run('DELETE FROM fault_counters WHERE rule = ?', index);
    });
    this.rules = rules;
    return rule;
  }

  /** Removes the rule at `index`; the counters of the rules after it move down with them. */
  remove(index: number): void {
    this.requireIndex(index);
    const rules = this.rules.filter((_, i) => i !== index);
    this.store.transaction(() => {
      this.store.setMeta('faults.rules', rules);
      this.store.run('DELETE FROM fault_counters WHERE rule = ?', index);
      // through negative numbers, so no two rows share a key half-way through the renumbering
      this.store.run('UPDATE fault_counters SET rule = -(rule - 1) WHERE rule > ?', index);
      this.store.run('UPDATE fault_counters SET rule = -rule WHERE rule < 0');
    });
    this.rules = rules;
  }

  private requireIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.rules.length)
      throw new FaultRuleError(`faults: there is no rule #${index} (${this.rules.length} rules)`);
  }

  /** Re-reads the rules from the store (after a reset or an import). */
  reload(): void {
    this.rules = this.store.getMeta<FaultRule[]>('faults.rules') ?? [];
  }

  counters(): Array<{ rule: number; matched: number; hit: number }> {
    return this.store.all('SELECT rule, matched, hit FROM fault_counters ORDER BY rule');
  }

  decide(api: string, operationId: string, params: Record<string, unknown>): FaultDecision | undefined {
    if (this.rules.length === 0) return undefined;
    const index = this.rules.findIndex((rule) => matches(rule, api, operationId, params));
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    const counter = this.store.get<{ matched: number; hit: number }>('SELECT matched, hit FROM fault_counters WHERE rule = ?', index) ?? { matched: 0, hit: 0 };
    const matched = counter.matched + 1;
    let hit = counter.hit;
    const skipped = matched <= (rule.skipCount ?? 0);
    const exhausted = rule.maxCount !== undefined && hit >= rule.maxCount;
    const fires = !skipped && !exhausted && (rule.probability === undefined || this.rng.next() < rule.probability);
    if (fires) hit += 1;
    this.store.run(
      'INSERT INTO fault_counters (rule, matched, hit) VALUES (?, ?, ?) ON CONFLICT(rule) DO UPDATE SET matched = excluded.matched, hit = excluded.hit',
      index, matched, hit,
    );
    if (!fires) return undefined;
    return {
      rule: rule.name ?? `#${index}`,
      latencyMs: rule.latency ? this.sampleLatency(rule.latency) : 0,
      ...(rule.error ? { error: rule.error } : {}),
      ...(rule.connection ? { connection: rule.connection } : {}),
      ...(rule.task ? { task: 'fail' in rule.task ? { outcome: 'fail', message: rule.task.fail } : { outcome: 'stall' } } : {}),
    };
  }

  private sampleLatency(latency: Latency): number {
    if ('fixed' in latency) return latency.fixed;
    if ('uniform' in latency) return latency.uniform.min + this.rng.next() * (latency.uniform.max - latency.uniform.min);
    return latency.lognormal.median * Math.exp(latency.lognormal.sigma * this.rng.normal());
  }
}

function matches(rule: FaultRule, api: string, operationId: string, params: Record<string, unknown>): boolean {
  if (rule.api !== '*' && rule.api !== api) return false;
  if (rule.operationId !== undefined && rule.operationId !== '*' && rule.operationId !== operationId) return false;
  for (const [name, expected] of Object.entries(rule.params ?? {})) {
    if (params[name] === undefined || String(params[name]) !== String(expected)) return false;
  }
  return true;
}

const RULE_KEYS = new Set(['name', 'api', 'operationId', 'params', 'probability', 'skipCount', 'maxCount', 'latency', 'error', 'connection', 'task']);

/** Checks rules read from a config file or the control plane; the message names the offending field. */
export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new FaultRuleError('faults: expected a list of rules');
  return input.map((raw, i) => parseRule(raw, `faults[${i}]`));
}

function parseRule(raw: unknown, at: string): FaultRule {
  if (!isObject(raw)) throw new FaultRuleError(`${at}: expected an object`);
  for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) throw new FaultRuleError(`${at}: unknown field '${key}'`);
  const rule = raw as Record<string, unknown>;
  if (typeof rule.api !== 'string' || rule.api === '') throw new FaultRuleError(`${at}.api: expected an API name or '*'`);
  optionalString(rule.name, `${at}.name`);
  optionalString(rule.operationId, `${at}.operationId`);
  if (rule.params !== undefined) {
    if (!isObject(rule.params)) throw new FaultRuleError(`${at}.params: expected an object of parameter values`);
    for (const [k, v] of Object.entries(rule.params))
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw new FaultRuleError(`${at}.params.${k}: expected a string, number or boolean`);
  }
  if (rule.probability !== undefined && !(typeof rule.probability === 'number' && rule.probability >= 0 && rule.probability <= 1))
    throw new FaultRuleError(`${at}.probability: expected a number from 0 to 1`);
  for (const key of ['skipCount', 'maxCount'] as const)
    if (rule[key] !== undefined && !(Number.isInteger(rule[key]) && (rule[key] as number) >= 0))
      throw new FaultRuleError(`${at}.${key}: expected an integer >= 0`);
  if (rule.latency !== undefined) checkLatency(rule.latency, `${at}.latency`);
  if (rule.error !== undefined) {
    const e = rule.error;
    if (!isObject(e) || !Number.isInteger(e.status) || (e.status as number) < 400 || (e.status as number) > 599)
      throw new FaultRuleError(`${at}.error: expected {status: 400..599, message?: string}`);
    optionalString(e.message, `${at}.error.message`);
  }
  if (rule.connection !== undefined && !['reset', 'hang', 'empty'].includes(rule.connection as string))
    throw new FaultRuleError(`${at}.connection: expected one of reset, hang, empty`);
  if (rule.task !== undefined) {
    const t = rule.task;
    const ok = isObject(t) && ((typeof t.fail === 'string' && Object.keys(t).length === 1) || (t.stall === true && Object.keys(t).length === 1));
    if (!ok) throw new FaultRuleError(`${at}.task: expected {fail: "message"} or {stall: true}`);
  }
  if ([rule.latency, rule.error, rule.connection, rule.task].every((x) => x === undefined))
    throw new FaultRuleError(`${at}: a rule needs at least one of latency, error, connection, task`);
  return rule as unknown as FaultRule;
}

function checkLatency(latency: unknown, at: string): void {
  const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (isObject(latency)) {
    if ('fixed' in latency && nonNegative(latency.fixed)) return;
    const u = latency.uniform;
    if (isObject(u) && nonNegative(u.min) && nonNegative(u.max) && (u.max as number) >= (u.min as number)) return;
    const l = latency.lognormal;
    if (isObject(l) && nonNegative(l.median) && nonNegative(l.sigma)) return;
  }
  throw new FaultRuleError(`${at}: expected {fixed: ms}, {uniform: {min, max}} or {lognormal: {median, sigma}}`);
}

function optionalString(value: unknown, at: string): void {
  if (value !== undefined && typeof value !== 'string') throw new FaultRuleError(`${at}: expected a string`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
