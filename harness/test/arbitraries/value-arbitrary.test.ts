import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import { valueArbitrary } from '../../src/arbitraries/value-arbitrary.js';
import { corpus } from './corpus.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, logger: false });
addFormats(ajv);

describe('valueArbitrary', () => {
  it('covers a corpus of at least 40 schemas', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  for (const entry of corpus) {
    it(`generates only valid values: ${entry.name} (${entry.dialect})`, () => {
      const validate = ajv.compile(toJsonSchema2020(entry.schema, entry.dialect) as object);
      fc.assert(
        fc.property(valueArbitrary(entry.schema, { dialect: entry.dialect }), (value) => {
          if (!validate(value)) throw new Error(`${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
        }),
        { numRuns: 60, seed: 42 },
      );
    });
  }
});
