// Headless Chromium for the browser tests: Debian's /usr/bin/chromium (or HYPERSIM_CHROMIUM) driven by
// playwright-core, with a fresh profile and no background networking (this machine has no network).
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { packageFile } from '../../src/core/package-files.js';

const CANDIDATES = [process.env.HYPERSIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

/** The Chromium binary to use, or undefined (the browser tests then skip, saying so). */
export const CHROMIUM = CANDIDATES.find((path) => existsSync(path));

/** Where screenshots go: a test artefact, kept out of git (reports/ is ignored). */
export const SCREENSHOTS = packageFile('reports', 'screenshots');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'hypersim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
