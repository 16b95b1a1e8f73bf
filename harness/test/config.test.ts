import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, substituteEnv } from '../src/config.js';
import { UsageError } from '../src/errors.js';

async function configFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'hypersim-config-')), 'hypersim.test.yaml');
  await writeFile(path, text);
  return path;
}

describe('hypersim.test.yaml', () => {
  it('reads settings, camel-cases keys and substitutes ${ENV}', async () => {
    const path = await configFile(
      ['api: pve', 'base-url: https://${PVE_HOST}:8006', 'auth: root@pam:${PVE_PASSWORD}', 'max-examples: 5', 'header:', '  - "X-Trace: ${TRACE:-none}"'].join('\n'),
    );
    const values = await loadConfig(path, { PVE_HOST: 'pve.staging', PVE_PASSWORD: 's3cret' });
    expect(values).toEqual({
      api: 'pve',
      baseUrl: 'https://pve.staging:8006',
      auth: 'root@pam:s3cret',
      maxExamples: 5,
      header: ['X-Trace: none'],
    });
  });

  it('names a missing variable and refuses unreadable or non-mapping files', async () => {
    expect(() => substituteEnv('${NOPE}', {}, 'auth')).toThrow(/environment variable NOPE is not set/);
    await expect(loadConfig('/nonexistent.yaml')).rejects.toThrow(UsageError);
    await expect(loadConfig(await configFile('- a\n- b\n'))).rejects.toThrow(/expected a mapping/);
    await expect(loadConfig(await configFile('a: [\n'))).rejects.toThrow(/not valid YAML/);
  });
});
