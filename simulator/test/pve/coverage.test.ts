// How much of the PVE API the simulator implements, measured against the community conversion of PVE's
// own schema (628 operations): an operation counts when specs/pve.yaml describes it and the simulator
// routes it (anything else answers 501 "not implemented").
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PVE_COMMUNITY_SPEC } from '../../../test-support/fixtures.js';
import { pveClient, withSimulator } from '../helpers.js';

const METHODS = ['get', 'post', 'put', 'delete'] as const;
const SAMPLE: Record<string, string> = { node: 'pve1', vmid: '100', storage: 'NFS', snapname: 'before-upgrade', poolid: 'dev', upid: 'UPID:pve1:00000001:00000001:00000001:qmstart:100:root@pam:' };

function operations(paths: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(paths).flatMap(([path, item]) => METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`));
}

function concrete(path: string, names: string[]): string {
  let i = 0;
  return path.replace(/\{\}/g, () => encodeURIComponent(SAMPLE[names[i++] ?? ''] ?? 'x'));
}

describe('PVE API coverage', () => {
  it('implements the operations specs/pve.yaml describes, and only those, out of the community schema', () =>
    withSimulator(async (sim) => {
      const community = JSON.parse(readFileSync(PVE_COMMUNITY_SPEC, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      const ours = parse(readFileSync(new URL('../../../specs/pve.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      const all = operations(community.paths);
      const described = new Set(operations(ours.paths));
      const names = new Map(Object.keys(community.paths).map((p) => [p.replace(/\{[^}]+\}/g, '{}'), [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)]));
      const pve = await pveClient(sim);
      const implemented: string[] = [];
      for (const op of all) {
        const [method, path] = op.split(' ') as [string, string];
        const res = await pve.request(method, concrete(path === '/' ? '' : path, names.get(path) ?? []));
        const routed = !(res.status === 501 && String(res.body?.message).startsWith('Method '));
        // the simulator routes exactly what the spec describes
        expect(routed, `${op}: routed ${routed}, described ${described.has(op)}`).toBe(described.has(op));
        if (routed) implemented.push(op);
      }
      const share = ((implemented.length / all.length) * 100).toFixed(1);
      console.log(`PVE coverage: ${implemented.length} of ${all.length} operations of the community PVE schema (${share}%):\n  ${implemented.join('\n  ')}`);
      expect(implemented.length).toBeGreaterThanOrEqual(45);
    }));
});
