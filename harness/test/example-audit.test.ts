import { describe, expect, it } from 'vitest';
import { exampleProblems } from '../src/example-audit.js';
import type { Operation } from '../src/types.js';

const operation: Operation = {
  id: 'getVm',
  method: 'GET',
  path: '/vms/{id}',
  tags: [],
  parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 100 }, examples: [100, 5] }],
  responses: [
    {
      status: '200',
      headers: {},
      links: {},
      content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, examples: [{ name: 'web' }, { name: 7 }] } },
    },
  ],
  secured: false,
  dialect: 'openapi-3.1',
  extensions: {},
};

describe('exampleProblems', () => {
  it('names every example that breaks its own schema, and only those', () => {
    const problems = exampleProblems([operation]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^getVm path\.id: example #2 does not match its schema: .*(minimum|>= 100|less than 100)/);
    expect(problems[1]).toMatch(/^getVm response 200 \(application\/json\): example #2 does not match its schema: \/name/);
  });

  it('is quiet for a document whose examples are right', () => {
    expect(exampleProblems([{ ...operation, parameters: [], responses: [] }])).toEqual([]);
  });

  it('reads an XML example as a document (root element, namespace, structure), not as a JSON string', () => {
    const schema = {
      type: 'object', required: ['Name'], xml: { name: 'Vm', namespace: 'urn:example' },
      properties: { Name: { type: 'string' }, Cpus: { type: 'integer' } },
    };
    const xml: Operation = {
      ...operation, parameters: [],
      responses: [{
        status: '200', headers: {}, links: {},
        content: {
          'application/xml': {
            schema,
            examples: [
              '<Vm xmlns="urn:example"><Name>web</Name><Cpus>2</Cpus></Vm>',
              '<Machine xmlns="urn:example"><Name>web</Name></Machine>',
              '<Vm xmlns="urn:example"><Cpus>two</Cpus></Vm>',
              '<Vm xmlns="urn:example"><Name>web</Vm>',
            ],
          },
        },
      }],
    };
    const problems = exampleProblems([xml]);
    expect(problems.map((problem) => problem.replace(/^getVm response 200 \(application\/xml\): /, ''))).toEqual([
      expect.stringMatching(/^example #2 does not match its schema: .*root element is <Machine>, expected <Vm>/),
      expect.stringMatching(/^example #3 does not match its schema: .*Name/),
      expect.stringMatching(/^example #4 does not match its schema: .*not well-formed XML/),
    ]);
  });
});
