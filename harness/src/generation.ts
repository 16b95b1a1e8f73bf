// The phases' view of the generators in ./arbitraries: valid requests biased towards the spec's
// examples (so requests reach resources that exist), invalid requests, and Case construction.
import fc from 'fast-check';
import { invalidRequests, requestArbitrary } from './arbitraries/index.js';
import type { Case, Operation, PhaseName, Violation } from './types.js';

export interface RequestParts {
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  cookies: Record<string, unknown>;
  body?: unknown;
  mediaType?: string;
}

export type InvalidParts = RequestParts & { violation: Violation };

/** How often (out of 10) a generated request uses the spec's example values for path parameters. */
const EXAMPLE_PATH_WEIGHT = 8;

/** A stable per-operation seed, so results do not depend on the order operations run in. */
export function operationSeed(seed: number, operation: Operation, salt = ''): number {
  let hash = seed | 0;
  for (const char of `${operation.id}${salt}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function generationOptions(operation: Operation) {
  return { dialect: operation.dialect };
}

export function validArbitrary(operation: Operation): fc.Arbitrary<RequestParts> {
  const arbitrary = requestArbitrary(operation, generationOptions(operation)) as fc.Arbitrary<RequestParts>;
  return fc
    .tuple(arbitrary, fc.nat(9))
    .map(([parts, roll]) => (roll < EXAMPLE_PATH_WEIGHT ? withPathExamples(parts, operation) : parts));
}

/**
 * An empty path segment changes which route a request reaches (`/nodes//status` is not getNodeStatus
 * with an empty node), so such a request tests the router, not the operation: it is never sent.
 */
export function routable(parts: RequestParts): boolean {
  return Object.values(parts.pathParams).every((value) => value !== '' && value !== undefined && value !== null);
}

export function invalidParts(operation: Operation): InvalidParts[] {
  return invalidRequests(operation, generationOptions(operation)).filter(routable).map(
    (parts): InvalidParts => (parts.violation.location === 'path' ? parts : { ...withPathExamples(parts, operation), violation: parts.violation }),
  );
}

/** One generated valid request, deterministic for (seed, operation, salt). */
export function sampleValid(operation: Operation, seed: number, salt = ''): RequestParts {
  const arbitrary = requestArbitrary(operation, generationOptions(operation)) as fc.Arbitrary<RequestParts>;
  const [parts] = fc.sample(arbitrary, { numRuns: 1, seed: operationSeed(seed, operation, salt) });
  return parts as RequestParts;
}

/** A valid request built from examples wherever the spec has them (generated values elsewhere). */
export function exampleRequest(operation: Operation, seed: number, bodyExample?: { mediaType: string; value: unknown }): RequestParts {
  const parts = withParameterExamples(sampleValid(operation, seed, 'example'), operation, 0);
  const chosen = bodyExample ?? firstBodyExample(operation);
  return chosen ? { ...parts, body: chosen.value, mediaType: chosen.mediaType } : parts;
}

export function firstBodyExample(operation: Operation): { mediaType: string; value: unknown } | undefined {
  for (const [mediaType, media] of Object.entries(operation.body?.content ?? {})) {
    if (media.examples.length > 0) return { mediaType, value: media.examples[0] };
  }
  return undefined;
}

export function withPathExamples(parts: RequestParts, operation: Operation): RequestParts {
  const pathParams = { ...parts.pathParams };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path' && parameter.examples.length > 0) pathParams[parameter.name] = parameter.examples[0];
  }
  return { ...parts, pathParams };
}

/** Every parameter that has examples takes its `index`-th one (wrapping). */
export function withParameterExamples(parts: RequestParts, operation: Operation, index: number): RequestParts {
  const next: RequestParts = { ...parts, pathParams: { ...parts.pathParams }, query: { ...parts.query }, headers: { ...parts.headers }, cookies: { ...parts.cookies } };
  const slot = { path: next.pathParams, query: next.query, header: next.headers, cookie: next.cookies };
  for (const parameter of operation.parameters) {
    if (parameter.examples.length === 0) continue;
    slot[parameter.in][parameter.name] = parameter.examples[index % parameter.examples.length];
  }
  return next;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function textRecord(record: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) if (value !== undefined) result[name] = asText(value);
  return result;
}

function queryRecord(record: Record<string, unknown>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(asText) : asText(value);
  }
  return result;
}

export interface CaseShape {
  expectation?: Case['expectation'];
  violation?: Violation;
  auth?: Case['auth'];
}

export function toCase(operation: Operation, phase: PhaseName, parts: RequestParts, shape: CaseShape = {}): Case {
  const testCase: Case = {
    operation,
    phase,
    pathParams: textRecord(parts.pathParams),
    query: queryRecord(parts.query),
    headers: textRecord(parts.headers),
    cookies: textRecord(parts.cookies),
    expectation: shape.expectation ?? 'valid',
    auth: shape.auth ?? 'default',
  };
  if (parts.body !== undefined) testCase.body = parts.body;
  if (parts.mediaType !== undefined) testCase.mediaType = parts.mediaType;
  if (shape.violation) testCase.violation = shape.violation;
  return testCase;
}

/** At most `limit` items, spread over the whole list (so every kind of violation gets its turn). */
export function spread<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  const picked: T[] = [];
  for (let index = 0; index < limit; index += 1) picked.push(items[Math.floor((index * items.length) / limit)] as T);
  return picked;
}
