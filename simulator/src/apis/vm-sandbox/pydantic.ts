// The core validator's issues in pydantic v2's words, as FastAPI reports them in a 422: one item per
// problem with `type`, `loc`, `msg`, `input` and, for constraints, `ctx`. Nullable fields are
// `anyOf [X, null]`: pydantic reports only the failure of X, so the null branch and the anyOf summary go.
import type { ValidationIssue } from '../../core/validate.js';
import type { PydanticError } from './errors.js';

export interface RawRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  /** the body as parsed (JSON value, form fields or raw text), undefined when there was none */
  body: unknown;
  /** the body came as a form, so its fields are text (and a missing one has no input) */
  form: boolean;
}

/** pydantic's accepted words for a boolean (any case) */
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** A query boolean as pydantic reads it, or the text unchanged when it is none of its words. */
export function queryBoolean(text: string): string {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return 'true';
  if (FALSE_WORDS.has(word)) return 'false';
  return text;
}

export function missingBody(): PydanticError {
  return { type: 'missing', loc: ['body'], msg: 'Field required', input: null };
}

/** FastAPI reports Python's json error: the character position and what the decoder expected there. */
export function jsonInvalid(text: string, error: Error): PydanticError {
  const at = /position (\d+)/.exec(error.message);
  const position = at ? Number(at[1]) : text.length;
  const before = text.slice(0, position).trimEnd().slice(-1);
  const reason = before === '{' || before === ','
    ? 'Expecting property name enclosed in double quotes'
    : before === '' || before === ':' || before === '[' ? 'Expecting value' : "Expecting ',' delimiter";
  return { type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error: reason } };
}

export function pydanticErrors(issues: ValidationIssue[], raw: RawRequest): PydanticError[] {
  const out: PydanticError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.keyword === 'anyOf' || issue.keyword === 'oneOf') continue;
    if (issue.keyword === 'type' && issue.params.type === 'null') continue;
    const path = issue.path ?? (issue.name === '' ? [] : [issue.name]);
    const key = `${issue.location}/${path.join('/')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(toPydantic(issue, path, raw));
  }
  return out;
}

function toPydantic(issue: ValidationIssue, path: string[], raw: RawRequest): PydanticError {
  const loc = [issue.location, ...path];
  const source = issue.location === 'body' ? raw.body : issue.location === 'header' ? undefined : raw[issue.location];
  const input = valueAt(source, path);
  const textual = issue.location !== 'body' || raw.form;
  const p = issue.params;
  const item = (type: string, msg: string, ctx?: Record<string, unknown>): PydanticError => ({ type, loc, msg, input, ...(ctx ? { ctx } : {}) });
  switch (issue.keyword) {
    case 'required': {
      const parent = valueAt(source, path.slice(0, -1));
      return { type: 'missing', loc, msg: 'Field required', input: textual ? null : parent ?? null };
    }
    case 'type':
      return typeError(String(p.type), input, textual, path.length === 0 && issue.location === 'body', item);
    case 'minimum':
      return item('greater_than_equal', `Input should be greater than or equal to ${p.limit}`, { ge: p.limit });
    case 'exclusiveMinimum':
      return item('greater_than', `Input should be greater than ${p.limit}`, { gt: p.limit });
    case 'maximum':
      return item('less_than_equal', `Input should be less than or equal to ${p.limit}`, { le: p.limit });
    case 'exclusiveMaximum':
      return item('less_than', `Input should be less than ${p.limit}`, { lt: p.limit });
    case 'minLength':
      return item('string_too_short', `String should have at least ${p.limit} character${p.limit === 1 ? '' : 's'}`, { min_length: p.limit });
    case 'maxLength':
      return item('string_too_long', `String should have at most ${p.limit} character${p.limit === 1 ? '' : 's'}`, { max_length: p.limit });
    case 'pattern':
      return item('string_pattern_mismatch', `String should match pattern '${p.pattern}'`, { pattern: p.pattern });
    case 'const':
      return item('literal_error', `Input should be ${pythonRepr(p.allowedValue)}`, { expected: pythonRepr(p.allowedValue) });
    case 'enum': {
      const expected = orList((p.allowedValues as unknown[]).map(pythonRepr));
      return item('enum', `Input should be ${expected}`, { expected });
    }
    default:
      return item('value_error', `Value error, ${issue.message}`, { error: issue.message });
  }
}

type Item = (type: string, msg: string) => PydanticError;

function typeError(expected: string, input: unknown, textual: boolean, bodyRoot: boolean, item: Item): PydanticError {
  switch (expected.split(',')[0]) {
    case 'string':
      return item('string_type', 'Input should be a valid string');
    case 'integer':
      if (typeof input === 'number' && Number.isFinite(input)) return item('int_from_float', 'Input should be a valid integer, got a number with a fractional part');
      if (typeof input === 'string' && textual) return item('int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      return item('int_type', 'Input should be a valid integer');
    case 'number':
      if (typeof input === 'string' && textual) return item('float_parsing', 'Input should be a valid number, unable to parse string as a number');
      return item('float_type', 'Input should be a valid number');
    case 'boolean':
      if ((typeof input === 'string' && textual) || typeof input === 'number') return item('bool_parsing', 'Input should be a valid boolean, unable to interpret input');
      return item('bool_type', 'Input should be a valid boolean');
    case 'object':
      if (bodyRoot) return item('model_attributes_type', 'Input should be a valid dictionary or object to extract fields from');
      return item('dict_type', 'Input should be a valid dictionary');
    case 'array':
      return item('list_type', 'Input should be a valid list');
    default:
      return item(`${expected}_type`, `Input should be a valid ${expected}`);
  }
}

function valueAt(source: unknown, path: string[]): unknown {
  let node = source;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function pythonRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
