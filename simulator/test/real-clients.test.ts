// Real PVE client libraries against the simulator over HTTPS: the npm `proxmox-api` package (always) and
// Python's proxmoxer (when /usr/bin/python3 can import it). Each logs in, clones template 9000 and follows
// the task the way its users do.
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import proxmoxApi from 'proxmox-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pveOverHttps } from './helpers.js';

/** HYPERSIM_TEST_PYTHON points the proxmoxer test at another interpreter. */
const PYTHON = process.env.HYPERSIM_TEST_PYTHON ?? '/usr/bin/python3';
const PROXMOXER_SCRIPT = fileURLToPath(new URL('./clients/proxmoxer_flow.py', import.meta.url));

let pve: Awaited<ReturnType<typeof pveOverHttps>>;
let port: number;

beforeAll(async () => {
  pve = await pveOverHttps();
  port = pve.port;
});

afterAll(async () => {
  await pve?.close();
});

/** The package verifies certificates through Node's default; the simulator's is self-signed. */
async function withoutCertificateCheck<T>(fn: () => Promise<T>): Promise<T> {
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  }
}

describe('npm proxmox-api', () => {
  it('logs in, clones template 9000 to nextid, waits for the task and reads the new config', async () => {
    await withoutCertificateCheck(async () => {
      const proxmox = proxmoxApi({ host: '127.0.0.1', port, username: 'root@pam', password: 'hypersim' });
      const node = proxmox.nodes.$('pve1');
      const newid = Number(await proxmox.cluster.nextid.$get());
      expect(newid).toBeGreaterThanOrEqual(100);

      const upid = await node.qemu.$(9000).clone.$post({ newid, name: 'from-proxmox-api', full: true });
      expect(upid).toMatch(/^UPID:pve1:/);

      let status = await node.tasks.$(upid).status.$get();
      for (let polls = 0; status.status !== 'stopped' && polls < 100; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = await node.tasks.$(upid).status.$get();
      }
      expect(status).toMatchObject({ status: 'stopped', exitstatus: 'OK', type: 'qmclone' });

      const config = await node.qemu.$(newid).config.$get();
      expect(config.name).toBe('from-proxmox-api');
      expect(config.template).toBeUndefined();
      expect(config.lock).toBeUndefined();
      const vms = await node.qemu.$get();
      expect(vms.map((vm) => vm.vmid)).toContain(newid);
    });
  });

  it('puts the reason phrase PVE sends into the thrown error', async () => {
    await withoutCertificateCheck(async () => {
      const proxmox = proxmoxApi({ host: '127.0.0.1', port, username: 'root@pam', password: 'hypersim' });
      await expect(proxmox.nodes.$('pve1').qemu.$(100).clone.$post({ newid: 101 }))
        .rejects.toThrow('return Error 500 unable to create VM 101: config file already exists');
    });
  });
});

function pythonCanImportProxmoxer(): { ok: boolean; why: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import proxmoxer, requests'], { encoding: 'utf8' });
  if (probe.error !== undefined) return { ok: false, why: `${PYTHON} cannot run (${probe.error.message})` };
  if (probe.status !== 0) {
    return { ok: false, why: `${PYTHON} cannot import proxmoxer/requests (apt-get install -y python3-proxmoxer python3-requests)` };
  }
  return { ok: true, why: '' };
}

function runPython(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const proxmoxer = pythonCanImportProxmoxer();
if (!proxmoxer.ok) console.warn(`skipping the proxmoxer test: ${proxmoxer.why}`);

describe.skipIf(!proxmoxer.ok)(`python proxmoxer${proxmoxer.ok ? '' : ` (skipped: ${proxmoxer.why})`}`, () => {
  it('runs clients/proxmoxer_flow.py: login, nextid, clone, poll, config, error reason', async () => {
    const result = await runPython([PROXMOXER_SCRIPT, '--host', '127.0.0.1', '--port', String(port)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ exitstatus: 'OK', name: 'from-proxmoxer', error_status: 500 });
    expect(report.error_reason).toBe('unable to create VM 101: config file already exists');
    expect(report.error_message).toBe('500 Internal Server Error: unable to create VM 101: config file already exists');
  }, 30_000);
});
