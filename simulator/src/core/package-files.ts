// Files shipped beside the code (specs/*.yaml, scenarios, the dashboard's pages), found the same way from
// the TypeScript sources (simulator/src/core/) and from the compiled package (dist/simulator/src/core/):
// the package root is the nearest folder above this file that holds a package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`hypersim: no package.json above ${from}`);
  }
}

/** The folder of hypersim's package.json (the repository, or node_modules/hypersim when installed). */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The absolute path of a file shipped with hypersim: packageFile('specs', 'pve.yaml'). */
export function packageFile(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}
