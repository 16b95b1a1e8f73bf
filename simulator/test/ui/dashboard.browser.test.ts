// The dashboard and the docs page in a real browser (headless Chromium) against a simulator listening on
// port 0 with a manual clock: what a person sees, and that it moves without a reload.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, DEFAULT_TLS } from '../../src/config.js';
import { startServers, type RunningServers } from '../../src/serve.js';
import { createSimulator, IMPLEMENTED_APIS, type Simulator } from '../../src/simulator.js';
import { CHROMIUM, launchBrowser, SCREENSHOTS, type Browser } from './browser.js';

const TOKEN = 'PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50';

if (!CHROMIUM) console.log('hypersim: browser tests SKIPPED: no Chromium found (apt-get install chromium, or set HYPERSIM_CHROMIUM)');

describe.skipIf(!CHROMIUM)('dashboard and docs in Chromium', () => {
  let sim: Simulator;
  let servers: RunningServers;
  let browser: Browser;
  let page: Page;
  let origin: string;

  const api = (method: string, path: string, form?: Record<string, string>) =>
    fetch(`${origin}/api2/json${path}`, {
      method,
      headers: { authorization: TOKEN, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}/_sim${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    // every API is served (each on a port of its own), so the page shows every API's inventory; the
    // tests drive PVE's listener
    const apis = [...IMPLEMENTED_APIS];
    sim = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis });
    servers = await startServers(sim, {
      apis, host: '127.0.0.1', ports: Object.fromEntries(apis.map((name) => [name, 0])) as typeof DEFAULT_PORTS,
      tls: Object.fromEntries(apis.map((name) => [name, false])) as typeof DEFAULT_TLS,
      quiet: true, dataDir: ':memory:', cert: undefined, key: undefined,
    }, () => {});
    origin = servers.listeners.find((listener) => listener.api === 'pve')!.origin;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${origin}/_sim/ui`);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
    // set once; a reload would lose it
    await page.evaluate(() => { (globalThis as unknown as { sameDocument: boolean }).sameDocument = true; });
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
    sim?.close();
  });

  const stillSameDocument = () => page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument === true);

  it('shows the default inventory: nodes, VMs with their disks, storages with capacity bars', async () => {
    const pve = page.locator('.api-inventory[data-api="pve"]');
    await pve.locator('table[data-title="Nodes"]').waitFor();
    await expect(pve.locator('table[data-title="Nodes"] tbody tr').count()).resolves.toBe(3);
    const vms = pve.locator('table[data-title="VMs"] tbody');
    await expect(vms.locator('tr', { hasText: 'web-01' }).innerText()).resolves.toMatch(/100\s+web-01\s+pve1\s+running/);
    await expect(vms.locator('tr', { hasText: 'ubuntu-2404-tmpl' }).innerText()).resolves.toContain('template');
    await expect(vms.locator('tr', { hasText: 'db-01' }).innerText()).resolves.toContain('local-lvm:vm-101-disk-0 (64G)');
    const nfs = pve.locator('table[data-title="Storages"] tbody tr', { hasText: 'NFS' });
    await expect(nfs.locator('.bar').innerText()).resolves.toBe('64.0 GiB / 4.0 TiB');
    await screenshot('dashboard');
  });

  it('shows the inventory of every served API, each in its own section', async () => {
    for (const name of IMPLEMENTED_APIS) {
      const section = page.locator(`.api-inventory[data-api="${name}"]`);
      await section.locator('table').first().waitFor();
      expect({ api: name, tables: await section.locator('table').count() > 0 }).toEqual({ api: name, tables: true });
    }
    const datastores = page.locator('.api-inventory[data-api="vsphere"] table[data-title="Datastores"] tbody tr', { hasText: 'datastore-22' });
    await expect(datastores.locator('.bar').innerText()).resolves.toBe('190 GiB / 200 GiB');
    await screenshot('dashboard-all-apis');
  });

  it('shows a clone started over HTTP as running, then as finished when the manual clock moves, without a reload', async () => {
    const response = await api('POST', '/nodes/pve1/qemu/9000/clone', { newid: '123', name: 'from-the-test' });
    expect(response.status).toBe(200);
    const upid = ((await response.json()) as { data: string }).data;
    const row = page.locator(`#tasks tr[data-task-id="${upid}"]`);
    await page.locator(`#tasks tr[data-task-id="${upid}"][data-state="running"]`).waitFor();
    await expect(row.innerText()).resolves.toMatch(/pve\s+qmclone\s+9000\s+root@pam!ci\s+running/);
    await expect(page.locator('.api-inventory[data-api="pve"] table[data-title="VMs"] tr', { hasText: 'from-the-test' }).innerText()).resolves.toContain('clone');

    expect((await control('POST', '/clock/advance', { seconds: 3600 })).status).toBe(200);
    await page.locator(`#tasks tr[data-task-id="${upid}"][data-state="succeeded"]`).waitFor();
    await expect(page.locator('.api-inventory[data-api="pve"] table[data-title="VMs"] tr', { hasText: 'from-the-test' }).innerText()).resolves.toMatch(/123\s+from-the-test\s+pve1\s+stopped/);
    expect(await stillSameDocument()).toBe(true);
  });

  it('adds a fault rule from the page, shows a validation error, and counts the rule firing', async () => {
    await page.fill('#fault-json', '{"api": "pve", "operationId": "getVersion"}');
    await page.click('#fault-save');
    await expect(page.locator('#fault-error').innerText()).resolves.toContain('a rule needs at least one of latency, error, connection, task');

    await page.fill('#fault-json', '{"api": "pve", "operationId": "getVersion", "error": {"status": 503, "message": "injected from the page"}}');
    await page.click('#fault-save');
    const rule = page.locator('#faults tr[data-rule="0"]');
    await rule.waitFor();
    await expect(page.locator('#fault-error').innerText()).resolves.toBe('');
    await expect(rule.locator('.hit').innerText()).resolves.toBe('0');

    const version = await api('GET', '/version');
    expect(version.status).toBe(503);
    await page.locator('#faults tr[data-rule="0"] .hit', { hasText: '1' }).waitFor();
    await page.locator('#journal tr', { hasText: '/api2/json/version' }).locator('.fault', { hasText: '#0' }).waitFor();
    await screenshot('dashboard-fault');
    // the README's picture (docs/dashboard.jpg is a copy of it)
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-readme.jpg'), type: 'jpeg', quality: 60, fullPage: true });
    expect(await stillSameDocument()).toBe(true);
  });

  it('edits and removes a fault rule from the page', async () => {
    await page.click('#faults tr[data-rule="0"] .fault-edit');
    await expect(page.locator('#fault-mode').innerText()).resolves.toBe('editing rule #0');
    await page.fill('#fault-json', '{"api": "pve", "operationId": "getVersion", "error": {"status": 502}}');
    await page.click('#fault-save');
    await page.locator('#faults tr[data-rule="0"]', { hasText: '"status":502' }).waitFor();
    await expect(page.locator('#faults tr[data-rule="0"] .hit').innerText()).resolves.toBe('0');
    expect((await api('GET', '/version')).status).toBe(502);

    await page.click('#faults tr[data-rule="0"] .fault-remove');
    await page.locator('#faults tr[data-rule="0"]').waitFor({ state: 'detached' });
    expect((await api('GET', '/version')).status).toBe(200);
  });

  it('advances the manual clock from the page', async () => {
    const before = Date.parse(await page.locator('#clock-now').innerText());
    await expect(page.locator('#clock-mode').innerText()).resolves.toBe('manual');
    await page.fill('#advance-seconds', '600');
    await page.click('#clock-advance button');
    const expected = new Date(before + 600_000).toISOString();
    await page.locator('#clock-now', { hasText: expected }).waitFor();
    const clock = (await (await control('GET', '/clock')).json()) as { now: string };
    expect(clock.now).toBe(expected);
  });

  it('sets the manual clock and resets to the scenario from the page', async () => {
    await page.fill('#set-time', '2030-06-01T12:00:00.000Z');
    await page.click('#clock-set button');
    await page.locator('#clock-now', { hasText: '2030-06-01T12:00:00.000Z' }).waitFor();
    await page.fill('#set-time', '2020-01-01T00:00:00.000Z');
    await page.click('#clock-set button');
    await expect(page.locator('#clock-error').innerText()).resolves.toContain('the clock cannot go backwards');

    await expect.poll(() => page.locator('.api-inventory[data-api="pve"] table[data-title="VMs"] tbody tr').count()).toBe(5);
    await page.selectOption('#reset-scenario', 'default');
    await page.click('#reset button');
    await page.locator('#tasks tbody tr').first().waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.api-inventory[data-api="pve"] table[data-title="VMs"] tbody tr', { hasText: 'from-the-test' }).count()).toBe(0);
    await expect.poll(() => page.locator('.api-inventory[data-api="pve"] table[data-title="VMs"] tbody tr').count()).toBe(4);
    expect(await stillSameDocument()).toBe(true);
  });

  it('lists the API operations on the docs page, with "try it" pointed at this listener', async () => {
    const docs = await browser.context.newPage();
    try {
      await docs.goto(`${origin}/_sim/docs`);
      await docs.locator('.opblock').first().waitFor();
      const spec = (await (await control('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.values(spec.paths).flatMap((item) => Object.keys(item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k)));
      await expect(docs.locator('.opblock').count()).resolves.toBe(operations.length);
      await expect(docs.locator('.opblock-summary-path', { hasText: '/nodes/{node}/qemu/{vmid}/clone' }).count()).resolves.toBe(1);
      await expect(docs.locator('.servers select').inputValue()).resolves.toBe(`${origin}/api2/json`);
      await docs.screenshot({ path: join(SCREENSHOTS, 'docs.png'), fullPage: false });
    } finally {
      await docs.close();
    }
  });
});
