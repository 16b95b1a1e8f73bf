// Reading keyword values the way a messy vendor spec means them: `"minimum": "0"` is the number 0,
// a negative `maxLength` means nothing. Each reader returns undefined for what cannot be used.

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function asCount(value: unknown): number | undefined {
  const n = asNumber(value);
  if (n === undefined || n < 0) return undefined;
  return Math.floor(n);
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return undefined;
}

export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export function isJsonType(value: unknown): value is JsonType {
  return typeof value === 'string' && (JSON_TYPES as readonly string[]).includes(value);
}
