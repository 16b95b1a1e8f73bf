// specs/pve-manager.yaml is the contract of record: valid OpenAPI 3.1, exactly the operations the module
// serves, examples that match their own schemas, and every message the seeds list, word for word.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleProblems } from '../../../harness/src/example-audit.js';
import { loadSpec } from '../../../harness/src/spec.js';
import { MANAGER_OPERATIONS } from '../../src/apis/pve-manager/routes.js';

const SPEC = fileURLToPath(new URL('../../../specs/pve-manager.yaml', import.meta.url));

const SEED_MESSAGES = [
  'Template cloned successfully',
  'Missing required fields: template_id, new_template_name, description',
  'Invalid template name: ',
  'Source template not found',
  'VM created and configured successfully',
  'Invalid VM name. Name must contain only alphanumeric characters, hyphens, and dots...',
  'Requested resources exceed the per VM limits of your compute resource plan',
  'Requested resources exceed the available limits of your compute resource plan',
  'You do not have permission to use this template',
  'Box not found',
  'Template not found',
  'Compute resource plan not found',
  'Failed to clone VM from template',
  'VM created but configuration failed, resources have been cleaned up',
];

describe('specs/pve-manager.yaml', () => {
  it('is valid, documents exactly the implemented operations, and its examples match their schemas', async () => {
    const spec = await loadSpec(SPEC, { strict: true });
    expect(spec.dialect).toBe('openapi-3.1');
    const documented = spec.operations.map((op) => `${op.id} ${op.method} ${op.path}`).sort();
    const implemented = MANAGER_OPERATIONS.map((op) => `${op.operationId} ${op.method} ${op.path}`).sort();
    expect(documented).toEqual(implemented);
    expect(exampleProblems(spec.operations)).toEqual([]);
    for (const op of spec.operations.filter((o) => o.id !== 'login')) expect(op.secured, op.id).toBe(true);
  });

  it('names every message of seeds 000 and 004', () => {
    const text = readFileSync(SPEC, 'utf8');
    for (const message of SEED_MESSAGES) expect(text, message).toContain(message);
  });
});
