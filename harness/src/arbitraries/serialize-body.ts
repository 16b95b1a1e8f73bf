// Request bodies as text: JSON, or application/x-www-form-urlencoded (booleans and numbers as text,
// arrays as repeated keys, nested objects as JSON text), which is how PVE clients such as proxmoxer send.

import type { FieldEncoding, Violation } from '../types.js';

export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '*/*';
}

export function isFormMediaType(mediaType: string): boolean {
  return mediaType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** The body of every `malformed` invalid request: JSON cut short. serializeBody passes it through
 * unchanged, so a runner that serializes every body the same way still sends it broken. */
export const MALFORMED_JSON = '{"hypersim": "malformed';

export function serializeBody(body: unknown, mediaType: string, encoding?: Record<string, FieldEncoding>): string {
  if (body === MALFORMED_JSON) return MALFORMED_JSON;
  if (isFormMediaType(mediaType)) return serializeForm(body, encoding);
  if (typeof body === 'string' && !isJsonMediaType(mediaType)) return body;
  return JSON.stringify(body) ?? '';
}

/** The text to send for a generated request: a malformed body is already text and goes as it is. */
export function requestBodyText(parts: { body?: unknown; mediaType?: string; violation?: Violation; encoding?: Record<string, FieldEncoding> }): string | undefined {
  if (parts.body === undefined) return undefined;
  if (parts.violation?.kind === 'malformed' && typeof parts.body === 'string') return parts.body;
  return serializeBody(parts.body, parts.mediaType ?? 'application/json', parts.encoding);
}

const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One field with an OpenAPI `encoding` entry, per its style and explode (RFC 6570 as OpenAPI reads it). */
function appendEncoded(params: URLSearchParams, key: string, value: unknown, encoding: FieldEncoding): void {
  const style = encoding.style ?? 'form';
  const explode = encoding.explode ?? style === 'form';
  if (style === 'deepObject' && isPlainObject(value)) {
    for (const [name, item] of Object.entries(value)) if (item !== undefined) params.append(`${key}[${name}]`, formScalar(item));
    return;
  }
  if (Array.isArray(value)) {
    if (explode) for (const item of value) params.append(key, formScalar(item));
    else params.append(key, value.map(formScalar).join(DELIMITERS[style] ?? ','));
    return;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (explode) for (const [name, item] of entries) params.append(name, formScalar(item));
    else params.append(key, entries.flatMap(([name, item]) => [name, formScalar(item)]).join(DELIMITERS[style] ?? ','));
    return;
  }
  params.append(key, formScalar(value));
}

/** Without an `encoding` entry a field keeps the PVE-client habits: arrays as repeated keys, objects as
 * JSON text; with one, its style and explode decide. */
function serializeForm(body: unknown, encoding: Record<string, FieldEncoding> = {}): string {
  const params = new URLSearchParams();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return '';
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const declared = encoding[key];
    if (declared !== undefined) {
      appendEncoded(params, key, value, declared);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) params.append(key, formScalar(item));
  }
  return params.toString();
}

function formScalar(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Reads a form body back: fields in `arrayFields` (and repeated keys) become arrays; JSON text is
 * parsed in `structuredFields`. A server knows both from its schema. */
export function parseForm(text: string, structuredFields: Set<string>, arrayFields: Set<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const collected = new Set<string>(arrayFields);
  for (const [key, raw] of new URLSearchParams(text)) {
    let value: unknown = raw;
    if (structuredFields.has(key)) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    if (!Object.hasOwn(out, key)) {
      out[key] = arrayFields.has(key) ? [value] : value;
    } else if (collected.has(key)) {
      (out[key] as unknown[]).push(value);
    } else {
      out[key] = [out[key], value];
      collected.add(key);
    }
  }
  return out;
}

/** A body as a server reads it back after form encoding (fields holding objects parsed from their JSON text). */
export function formRoundTrip(value: unknown): Record<string, unknown> {
  const structured = new Set<string>();
  const arrays = new Set<string>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v)) arrays.add(key);
      const items = Array.isArray(v) ? v : [v];
      if (items.some((item) => typeof item === 'object' && item !== null)) structured.add(key);
    }
  }
  return parseForm(serializeForm(value), structured, arrays);
}
