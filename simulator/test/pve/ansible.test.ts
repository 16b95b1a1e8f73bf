// Ansible's community.general Proxmox modules (Debian's `ansible` package, which uses python3-proxmoxer)
// run a playbook against the simulator over HTTPS. Skipped, with the reason, where ansible is absent.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pveOverHttps } from '../helpers.js';

const PLAYBOOK = fileURLToPath(new URL('../clients/ansible_pve_lifecycle.yml', import.meta.url));

function ansibleReady(): { ok: boolean; why: string } {
  const probe = spawnSync('ansible-doc', ['-t', 'module', '-l', 'community.general'], { encoding: 'utf8' });
  if (probe.error !== undefined) return { ok: false, why: 'ansible is not installed (apt-get install -y ansible python3-proxmoxer)' };
  if (!probe.stdout.includes('community.general.proxmox_kvm')) return { ok: false, why: 'the community.general collection has no proxmox_kvm module' };
  const python = spawnSync('/usr/bin/python3', ['-c', 'import proxmoxer, requests'], { encoding: 'utf8' });
  if (python.status !== 0) return { ok: false, why: 'python3-proxmoxer is missing (apt-get install -y python3-proxmoxer)' };
  return { ok: true, why: '' };
}

const ansible = ansibleReady();
if (!ansible.ok) console.warn(`skipping the ansible playbook test: ${ansible.why}`);

describe.skipIf(!ansible.ok)(`ansible community.general proxmox modules${ansible.ok ? '' : ` (skipped: ${ansible.why})`}`, () => {
  let pve: Awaited<ReturnType<typeof pveOverHttps>>;
  let port: number;

  beforeAll(async () => {
    pve = await pveOverHttps();
    port = pve.port;
  });

  afterAll(async () => {
    await pve?.close();
  });

  it('creates, snapshots, rolls back and deletes a VM with an idempotent playbook', async () => {
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '-e', `api_host=127.0.0.1:${port}`, '-e', 'ansible_python_interpreter=/usr/bin/python3', PLAYBOOK], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false' },
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result.out).toMatch(/localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0/);
    expect(result.code, result.out).toBe(0);
    // the VM is gone from the simulator afterwards
    const vms = await (await pve.sim.fetch('pve')(new Request('https://pve.test:8006/api2/json/cluster/resources?type=vm', { headers: { authorization: 'PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50' } }))).json() as { data: Array<{ vmid: number }> };
    expect(vms.data.map((vm) => vm.vmid)).not.toContain(4300);
  }, 120_000);
});
