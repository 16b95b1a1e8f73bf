// specs/veeam-em.yaml is the contract the simulator validates against and the harness tests from: valid
// OpenAPI, exactly the operations the route table serves, every root element named and namespaced for
// XML, and every request example (JSON, and XML read the way the simulator reads it) valid.
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { VEEAM_OPERATIONS } from '../../src/apis/veeam-em/routes.js';
import { parseXml, VEEAM_NAMESPACE } from '../../src/apis/veeam-em/representation/xml.js';
import { loadSpec } from '../../src/core/openapi.js';

const SPEC_PATH = fileURLToPath(new URL('../../../specs/veeam-em.yaml', import.meta.url));
const spec = loadSpec(SPEC_PATH);
type Json = Record<string, any>;

describe('specs/veeam-em.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    await expect(SwaggerParser.validate(SPEC_PATH)).resolves.toBeDefined();
    expect(spec.raw.openapi).toBe('3.1.0');
  });

  it('documents exactly the operations the simulator routes', () => {
    const routed = VEEAM_OPERATIONS.map((op) => `${op.operationId} ${op.method} ${op.path.replace(/:(\w+)/g, '{$1}')}${op.action ? `?action=${op.action}` : ''}`).sort();
    const documented = [...spec.operations.values()].map((op) => `${op.operationId} ${op.method} ${op.path}`).sort();
    expect(routed).toEqual(documented);
  });

  it('names and namespaces every answer element for XML, and documents Veeam errors in both representations', () => {
    for (const op of spec.operations.values()) {
      for (const [status, response] of Object.entries<Json>(op.responses as Json)) {
        for (const [mediaType, media] of Object.entries<Json>(response.content ?? {})) {
          const roots: Json[] = media.schema.oneOf ?? [media.schema];
          for (const root of roots) {
            if (mediaType === 'application/json' && Number(status) >= 400) {
              expect(Object.keys(root.properties)).toEqual(['FirstChanceExceptionMessage', 'Message', 'StackTrace', 'Status', 'StatusCode']);
              continue;
            }
            expect(root.xml?.namespace, `${op.operationId} ${status} ${mediaType}`).toBe(VEEAM_NAMESPACE);
            expect(root.xml?.name).toMatch(/^[A-Z]\w+$/);
          }
        }
      }
      if (op.operationId !== 'getEntryPoint') expect(Object.keys(op.responses as Json), op.operationId).toContain('401');
    }
  });

  it('gives clone examples that are valid JSON bodies and valid XML documents, one per job type', () => {
    const clone = spec.operations.get('cloneJob')!;
    const content = clone.requestBody!.content as Json;
    const validate = new Ajv2020({ strict: false }).compile(content['application/json'].schema);
    const json = Object.values<Json>(content['application/json'].examples).map((e) => e.value);
    const xml = Object.values<Json>(content['application/xml'].examples).map((e) => parseXml(e.value as string));
    for (const body of json) expect(validate(body) ? [] : validate.errors).toEqual([]);
    for (const document of xml) {
      expect(document).toMatchObject({ root: 'JobCloneSpec', namespace: VEEAM_NAMESPACE });
      expect(validate(document.content) ? [] : validate.errors).toEqual([]);
    }
    // the path examples and both body example lists name the job types in the same order
    const kinds = (bodies: Json[]) => bodies.map((b) => Object.keys(b)[0]);
    expect(kinds(json)).toEqual(['ReplicaJobCloneInfo', 'BackupJobCloneInfo', 'BackupCopyJobCloneInfo', 'ImmediateBackupCopyJobCloneInfo']);
    expect(kinds(xml.map((d) => d.content))).toEqual(kinds(json));
  });
});
