// Fills an empty store from the `pve-manager` section of a scenario (see simulator/src/scenarios/default.yaml).
// Ids are given in the scenario so that documentation and tests can name them.
import { ScenarioError } from '../../../core/scenario.js';
import { OBJECT_ID } from './ids.js';
import type { ManagerModel } from './index.js';
import { LIMIT_KEYS, type PlanLimits } from './plans.js';
import { ROLES, type Role } from './users.js';

interface ManagerScenario {
  pveToken?: string;
  tokenLifetimeSeconds?: number;
  plans?: Array<{ id: string; name: string } & Partial<PlanLimits>>;
  users?: Array<{ id: string; email: string; password: string; role: Role; plan?: string }>;
  templates?: Array<{ id: string; name: string; description?: string; pveVmid: number; pveNode: string; owner: string; public?: boolean }>;
  boxes?: Array<{ id: string; name: string; description?: string; template: string; public?: boolean }>;
}

export function loadManagerScenario(model: ManagerModel, section: unknown): void {
  const s = (section ?? {}) as ManagerScenario;
  const fail = (message: string): never => {
    throw new ScenarioError(`scenario pve-manager: ${message}`);
  };
  if (typeof s !== 'object' || Array.isArray(s)) fail('expected an object');
  const id = (what: string, value: unknown): string => (typeof value === 'string' && OBJECT_ID.test(value) ? value : fail(`${what}: id must be 24 lower-case hex digits, got ${JSON.stringify(value)}`));
  if (s.pveToken !== undefined && !/^[^!=\s]+![^=\s]+=\S+$/.test(s.pveToken)) fail('pveToken must be USER@REALM!NAME=SECRET');
  model.setSettings({ pveToken: s.pveToken ?? '', tokenLifetimeSeconds: s.tokenLifetimeSeconds ?? 86_400, signingKey: model.ctx.rng.hex(64) });
  const now = model.now();
  for (const p of s.plans ?? []) {
    const limits = {} as PlanLimits;
    for (const key of LIMIT_KEYS) {
      const value = p[key];
      if (!Number.isInteger(value) || (value as number) < 0) fail(`plan ${p.name}: ${key} must be a non-negative integer`);
      limits[key] = value as number;
    }
    model.plans.insert({ id: id(`plan ${p.name}`, p.id), name: String(p.name), limits });
  }
  for (const u of s.users ?? []) {
    if (typeof u.email !== 'string' || !u.email.includes('@') || typeof u.password !== 'string') fail(`user ${JSON.stringify(u.email)} needs email and password`);
    if (!ROLES.includes(u.role)) fail(`user ${u.email}: role must be one of ${ROLES.join(', ')}`);
    if (u.plan !== undefined && !model.plans.get(u.plan)) fail(`user ${u.email}: unknown plan ${u.plan}`);
    model.users.insert({ id: id(`user ${u.email}`, u.id), email: u.email, password: u.password, role: u.role, planId: u.plan ?? null, createdAt: now });
  }
  for (const t of s.templates ?? []) {
    if (typeof t.name !== 'string' || !Number.isInteger(t.pveVmid) || typeof t.pveNode !== 'string') fail(`template ${JSON.stringify(t.name)} needs name, pveVmid and pveNode`);
    if (!model.users.get(t.owner)) fail(`template ${t.name}: unknown owner ${t.owner}`);
    model.catalog.insertTemplate({
      id: id(`template ${t.name}`, t.id), name: t.name, description: t.description ?? '', pveVmid: t.pveVmid, pveNode: t.pveNode, owner: t.owner,
      isPublic: t.public ?? true, status: 'ready', createdAt: now,
    });
  }
  for (const b of s.boxes ?? []) {
    if (typeof b.name !== 'string') fail(`box ${JSON.stringify(b)} needs a name`);
    if (!model.catalog.template(b.template)) fail(`box ${b.name}: unknown template ${b.template}`);
    model.catalog.insertBox({ id: id(`box ${b.name}`, b.id), name: b.name, description: b.description ?? '', templateId: b.template, isPublic: b.public ?? true, createdAt: now });
  }
}
