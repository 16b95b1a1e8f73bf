// Strings for the `format`s OpenAPI documents use. Unknown formats (vendors invent many) return
// undefined and the caller generates plain strings.

import fc from 'fast-check';

const MIN_DATE = new Date('1970-01-01T00:00:00.000Z');
const MAX_DATE = new Date('2099-12-31T23:59:59.999Z');

function isoDates(): fc.Arbitrary<string> {
  return fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }).map((d) => d.toISOString());
}

const FORMAT_BUILDERS: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': () => isoDates().map((iso) => iso.replace(/\.\d{3}Z$/, 'Z')),
  date: () => isoDates().map((iso) => iso.slice(0, 10)),
  time: () => isoDates().map((iso) => iso.slice(11, 19) + 'Z'),
  email: () => fc.emailAddress(),
  'idn-email': () => fc.emailAddress(),
  uuid: () => fc.uuid(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  'uri-reference': () => fc.webUrl(),
  iri: () => fc.webUrl(),
  hostname: () => fc.domain(),
  'idn-hostname': () => fc.domain(),
  ipv4: () => fc.ipV4(),
  ip: () => fc.oneof(fc.ipV4(), fc.ipV6()),
  ipv6: () => fc.ipV6(),
  byte: () => fc.base64String({ maxLength: 24 }),
  binary: () => fc.string({ maxLength: 16 }),
  password: () => fc.string({ minLength: 1, maxLength: 16 }),
};

/** Formats that describe numbers rather than strings, with the range they allow. */
export const NUMERIC_FORMATS: Record<string, { integer: boolean; min: number; max: number }> = {
  int32: { integer: true, min: -(2 ** 31), max: 2 ** 31 - 1 },
  int64: { integer: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  float: { integer: false, min: -3.4e38, max: 3.4e38 },
  double: { integer: false, min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
};

export function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const builder = FORMAT_BUILDERS[format];
  return builder ? builder() : undefined;
}

export function isKnownStringFormat(format: string): boolean {
  return format in FORMAT_BUILDERS;
}
