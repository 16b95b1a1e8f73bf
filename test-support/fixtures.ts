// Where the shared third-party fixtures are: `shared/` lies beside the repository (in a session and in
// CI alike); HYPERSIM_SHARED overrides that.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sharedDir(): string {
  const candidates = [process.env.HYPERSIM_SHARED, join(REPO_ROOT, '..', 'shared'), '/work/shared'].filter((d): d is string => !!d);
  return candidates.find((dir) => existsSync(join(dir, 'fixtures'))) ?? candidates[0]!;
}

/** The community PVE OpenAPI conversion (3.0, 2 MB, invalid in places on purpose). */
export const PVE_COMMUNITY_SPEC = join(sharedDir(), 'fixtures', 'pve-community-openapi', 'openapi.json');
