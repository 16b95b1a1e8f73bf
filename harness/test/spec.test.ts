import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, SpecError } from '../src/spec.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
import { PVE_COMMUNITY_SPEC as PVE_COMMUNITY } from '../../test-support/fixtures.js';

describe('loadSpec', () => {
  it('extracts operations with merged path parameters, bodies, links and security', async () => {
    const spec = await loadSpec(fixture('vms.yaml'));
    expect(spec.warnings).toEqual([]);
    expect(spec.dialect).toBe('openapi-3.1');
    expect(spec.servers).toEqual(['https://vms.test/api/v1']);
    expect(spec.operations.map((operation) => operation.id)).toEqual(['getHealth', 'listVms', 'createVm', 'getVm', 'deleteVm']);
    const getVm = spec.operations.find((operation) => operation.id === 'getVm');
    expect(getVm?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true, examples: ['vm-1'] })]);
    expect(getVm?.secured).toBe(true);
    expect(spec.operations.find((operation) => operation.id === 'getHealth')?.secured).toBe(false);
    const createVm = spec.operations.find((operation) => operation.id === 'createVm');
    expect(createVm?.body?.content['application/json']?.examples).toEqual([{ name: 'web', memory: 512 }]);
    expect(createVm?.responses.find((response) => response.status === '201')?.links.readBack).toEqual({
      operationId: 'getVm',
      parameters: { id: '$response.body#/id' },
    });
  });

  it('loads an invalid third-party spec with warnings, and refuses it with strict', async () => {
    const spec = await loadSpec(PVE_COMMUNITY);
    expect(spec.operations.length).toBe(628);
    expect(spec.warnings.length).toBeGreaterThan(10);
    expect(spec.dialect).toBe('openapi-3.0');
    await expect(loadSpec(PVE_COMMUNITY, { strict: true })).rejects.toThrow(/not valid OpenAPI \(--strict-spec\)/);
  });

  it('turns unusable documents into SpecErrors with clear messages', async () => {
    const swagger = loadSpec(fixture('swagger2.json'));
    await expect(swagger).rejects.toBeInstanceOf(SpecError);
    await expect(swagger).rejects.toThrow('Swagger 2.0: only OpenAPI 3.0 and 3.1 are supported');
    await expect(loadSpec(fixture('not-openapi.yaml'))).rejects.toThrow(/not an OpenAPI document/);
    await expect(loadSpec(fixture('broken.json'))).rejects.toThrow(/cannot read or parse/);
    await expect(loadSpec(fixture('missing.yaml'))).rejects.toThrow(/file not found/);
  });
});
