// Loads any OpenAPI 3.0/3.1 document (path or URL, YAML or JSON) and turns it into Operation[].
// Real vendor documents are often invalid: by default validation problems become warnings and we still
// dereference and test what can be tested; `strict` makes them fatal.
import SwaggerParser from '@apidevtools/swagger-parser';
import { extractOperations } from './operations.js';
import { registerComponentSchemas } from './schema-components.js';
import type { Operation } from './types.js';

export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

export interface LoadedSpec {
  source: string;
  title: string;
  version: string;
  dialect: 'openapi-3.0' | 'openapi-3.1';
  /** the servers[].url values, in order (may be relative or empty) */
  servers: string[];
  operations: Operation[];
  warnings: string[];
  /** the dereferenced document (may contain circular object references: never JSON.stringify it) */
  document: Record<string, unknown>;
}

export interface LoadSpecOptions {
  strict?: boolean;
}

/** ajv's oneOf bookkeeping repeats every real problem two or three times; drop the echoes. */
const NOISE = [/must have required property '\$ref'/, /must match exactly one schema in oneOf/, /must match "then" schema/];

export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const raw = await parseDocument(source);
  const dialect = detectDialect(raw, source);
  const warnings: string[] = [];
  let document: Record<string, unknown>;
  const parser = new SwaggerParser();
  try {
    // validate() dereferences `raw` in place (circular references left for a second pass), then
    // validates. When validation fails, `raw` is already dereferenced unless it has circular references.
    document = (await parser.validate(raw as never, { dereference: { circular: true } })) as Record<string, unknown>;
  } catch (error) {
    const problems = validationProblems(error);
    if (options.strict) {
      throw new SpecError(`${source}: the document is not valid OpenAPI (--strict-spec):\n  ${summarize(problems, 20).join('\n  ')}`);
    }
    warnings.push(...problems);
    const dereferencedInPlace = Array.isArray((error as { details?: unknown }).details) && parser.$refs?.circular === false;
    document = dereferencedInPlace ? raw : await dereferenceLeniently(raw, source);
  }
  registerComponentSchemas(document);
  const info = (document.info ?? {}) as Record<string, unknown>;
  return {
    source,
    title: typeof info.title === 'string' ? info.title : '(untitled)',
    version: typeof info.version === 'string' ? info.version : '',
    dialect,
    servers: serverUrls(document),
    operations: extractOperations(document, dialect, warnings),
    warnings,
    document,
  };
}

/** The first `limit` problems plus a count of the rest. */
export function summarize(problems: string[], limit: number): string[] {
  if (problems.length <= limit) return problems;
  return [...problems.slice(0, limit), `... and ${problems.length - limit} more`];
}

async function parseDocument(source: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = await new SwaggerParser().parse(source);
  } catch (error) {
    throw new SpecError(`${source}: ${parseFailureMessage(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SpecError(`${source}: not an OpenAPI document (expected an object at the top level)`);
  }
  return parsed as Record<string, unknown>;
}

function parseFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Expected 2\.0|swagger/i.test(message) && !/openapi/i.test(message)) return 'only OpenAPI 3.0 and 3.1 are supported';
  if (/ENOENT|no such file/i.test(message)) return 'file not found';
  if (/is not a valid Openapi API definition/i.test(message)) return 'not an OpenAPI document (no "paths")';
  if (/Unsupported OpenAPI version/i.test(message)) return `${message.split('.')[0]}; only OpenAPI 3.0 and 3.1 are supported`;
  return `cannot read or parse the document: ${firstLine(message)}`;
}

function detectDialect(document: Record<string, unknown>, source: string): LoadedSpec['dialect'] {
  if ('swagger' in document) throw new SpecError(`${source}: Swagger ${String(document.swagger)}: only OpenAPI 3.0 and 3.1 are supported`);
  const version = document.openapi;
  if (typeof version !== 'string') throw new SpecError(`${source}: not an OpenAPI document (no "openapi" version field)`);
  if (version.startsWith('3.0')) return 'openapi-3.0';
  if (version.startsWith('3.1')) return 'openapi-3.1';
  throw new SpecError(`${source}: OpenAPI ${version}: only OpenAPI 3.0 and 3.1 are supported`);
}

function validationProblems(error: unknown): string[] {
  const details = (error as { details?: unknown }).details;
  if (Array.isArray(details)) {
    const lines = details
      .map((detail: { instancePath?: string; message?: string }) => `${detail.instancePath || '#'} ${detail.message ?? 'is invalid'}`)
      .filter((line) => !NOISE.some((noise) => noise.test(line)));
    return [...new Set(lines)];
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').map((line) => line.trim()).filter((line) => line && !NOISE.some((noise) => noise.test(line)));
}

async function dereferenceLeniently(document: Record<string, unknown>, source: string): Promise<Record<string, unknown>> {
  try {
    return (await SwaggerParser.dereference(document as never, {
      validate: { schema: false, spec: false },
      dereference: { circular: true },
    })) as Record<string, unknown>;
  } catch (error) {
    throw new SpecError(`${source}: cannot resolve the document's references: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

function serverUrls(document: Record<string, unknown>): string[] {
  const servers = document.servers;
  if (!Array.isArray(servers)) return [];
  return servers.map((server: { url?: unknown; variables?: Record<string, { default?: unknown }> }) => {
    let url = typeof server.url === 'string' ? server.url : '';
    for (const [name, variable] of Object.entries(server.variables ?? {})) {
      url = url.replaceAll(`{${name}}`, String(variable?.default ?? ''));
    }
    return url;
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
