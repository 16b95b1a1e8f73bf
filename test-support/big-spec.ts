// A large spec for load and dry-run measurements (bench) and tests: the PVE community conversion's
// paths repeated under prefixes until `operations` is reached, with parameter descriptions padded until
// the file reaches about `bytes`. The real thing it imitates: a vendor document of 13 MB and 1,200
// operations.
import { readFileSync, writeFileSync } from 'node:fs';

import { PVE_COMMUNITY_SPEC } from './fixtures.js';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

type Json = Record<string, unknown>;

export interface BigSpecOptions {
  operations?: number;
  bytes?: number;
  source?: string;
}

export function writeBigSpec(path: string, options: BigSpecOptions = {}): { operations: number; bytes: number } {
  const wanted = options.operations ?? 1200;
  const source = JSON.parse(readFileSync(options.source ?? PVE_COMMUNITY_SPEC, 'utf8')) as Json;
  const paths: Record<string, Json> = {};
  const parameters: Json[] = [];
  let operations = 0;
  for (let copy = 0; operations < wanted; copy += 1) {
    for (const [template, item] of Object.entries(source.paths as Record<string, Json>)) {
      const clone: Json = {};
      for (const [key, value] of Object.entries(structuredClone(item))) {
        if (METHODS.has(key)) {
          if (operations >= wanted) continue;
          operations += 1;
          const operation = value as Json;
          if (typeof operation.operationId === 'string') operation.operationId = `c${copy}_${operation.operationId}`;
          for (const parameter of (operation.parameters as Json[] | undefined) ?? []) parameters.push(parameter);
        }
        clone[key] = value;
      }
      if (Object.keys(clone).some((key) => METHODS.has(key))) paths[`/c${copy}${template}`] = clone;
      if (operations >= wanted) break;
    }
  }
  const document = { ...source, paths };
  const base = JSON.stringify(document).length;
  const room = Math.max(0, (options.bytes ?? 13_000_000) - base);
  const padding = parameters.length > 0 ? 'lorem ipsum dolor sit amet '.repeat(Math.ceil(room / parameters.length / 27) + 1).slice(0, Math.floor(room / parameters.length)) : '';
  for (const parameter of parameters) parameter.description = `${String(parameter.description ?? '')} ${padding}`;
  const text = JSON.stringify(document);
  writeFileSync(path, text);
  return { operations, bytes: text.length };
}
