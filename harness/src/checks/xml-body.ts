// XML response bodies, judged generically: well-formed (fast-xml-parser's validator), the root element's
// name and namespace as the schema's `xml` hints say (name, else the component's name; namespace), and
// the structure read into JSON the way OpenAPI maps XML (properties as child elements or, with
// `xml.attribute`, attributes; arrays as repeated elements, inside a wrapper with `xml.wrapped`;
// numbers and booleans from their text), then validated against the same schema as JSON would be.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { componentName } from '../schema-components.js';
import type { JsonSchema, Operation } from '../types.js';
import { validateAgainstSchema, type SchemaError } from './schema-validator.js';

type Schema = Record<string, unknown>;
type Node = Record<string, unknown>;

export function isXmlMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/xml' || essence === 'text/xml' || essence.endsWith('+xml');
}

const ATTRIBUTE = '@_';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE, parseTagValue: false, parseAttributeValue: false, textNodeName: '#text', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hints(schema: JsonSchema): { name?: string; namespace?: string; prefix?: string; attribute?: boolean; wrapped?: boolean } {
  return isRecord(schema) && isRecord(schema.xml) ? (schema.xml as ReturnType<typeof hints>) : {};
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function typeOf(schema: JsonSchema): string | undefined {
  if (!isRecord(schema)) return undefined;
  const types = [schema.type].flat().filter((type) => type !== 'null');
  if (types.length === 1) return String(types[0]);
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function scalar(text: string, schema: JsonSchema): unknown {
  const type = typeOf(schema);
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (isRecord(node)) return [node['#text']].flat().filter((part) => part !== undefined).join('');
  return '';
}

/** The children of `node` named `name` (any namespace prefix). */
function children(node: Node, name: string): unknown[] {
  return Object.entries(node).filter(([key]) => !key.startsWith(ATTRIBUTE) && key !== '#text' && localName(key) === name).flatMap(([, value]) => [value].flat());
}

function propertiesOf(schema: Schema): Array<[string, JsonSchema]> {
  const own = isRecord(schema.properties) ? (Object.entries(schema.properties) as Array<[string, JsonSchema]>) : [];
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]).flatMap((part) => (isRecord(part) ? propertiesOf(part) : [])) : [];
  return [...own, ...parts];
}

/** An element read as the schema's JSON value. */
function toJson(node: unknown, schema: JsonSchema): unknown {
  const type = typeOf(schema);
  if (type !== 'object' || !isRecord(schema)) return scalar(textOf(node), schema);
  if (!isRecord(node)) return {};
  const value: Record<string, unknown> = {};
  for (const [property, sub] of propertiesOf(schema)) {
    const xml = hints(sub);
    const name = xml.name ?? property;
    if (xml.attribute) {
      const attribute = Object.entries(node).find(([key]) => key.startsWith(ATTRIBUTE) && localName(key.slice(ATTRIBUTE.length)) === name);
      if (attribute) value[property] = scalar(String(attribute[1]), sub);
      continue;
    }
    if (typeOf(sub) === 'array' && isRecord(sub)) {
      const items = (sub.items ?? {}) as JsonSchema;
      const itemName = hints(items).name ?? name;
      const holders = xml.wrapped ? children(node, name).filter(isRecord) : [node];
      const found = holders.flatMap((holder) => children(holder as Node, itemName));
      // unwrapped, no element and an empty array read the same in XML: both are an empty array
      if (holders.length > 0) value[property] = found.map((item) => toJson(item, items));
      continue;
    }
    const [child] = children(node, name);
    if (child !== undefined) value[property] = toJson(child, sub);
  }
  return value;
}

export type XmlVerdict = { kind: 'unparseable'; message: string } | { kind: 'invalid'; errors: SchemaError[] } | { kind: 'valid' } | { kind: 'uncompilable' };

/** The root element's expected name: the schema's xml.name, else the name of the component it is. */
function expectedRoot(schema: JsonSchema): string | undefined {
  const named = hints(schema).name;
  if (named !== undefined) return named;
  const component = isRecord(schema) ? componentName(schema) : undefined;
  return component === undefined ? undefined : decodeURIComponent(component.slice(component.indexOf('/') + 1));
}

/** The alternatives of a oneOf / anyOf schema (e.g. a reference or a full entity, each its own root). */
function alternativesOf(schema: JsonSchema): JsonSchema[] | undefined {
  if (!isRecord(schema)) return undefined;
  const list = schema.oneOf ?? schema.anyOf;
  return Array.isArray(list) && list.length > 0 ? (list as JsonSchema[]) : undefined;
}

export function judgeXmlBody(schema: JsonSchema, dialect: Operation['dialect'], text: string): XmlVerdict {
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) return { kind: 'unparseable', message: `${wellFormed.err.msg} (line ${wellFormed.err.line})` };
  const document = parser.parse(text) as Node;
  const roots = Object.entries(document).filter(([key]) => !key.startsWith('?'));
  const [rootName, rootValue] = roots[0] ?? ['', []];
  const root = [rootValue].flat()[0];
  const alternatives = alternativesOf(schema);
  if (alternatives === undefined) return judgeRoot(schema, dialect, rootName, root);
  // each alternative names its own root element: judge the body by the ones it can be
  const named = alternatives.filter((alternative) => expectedRoot(alternative) === localName(rootName));
  const candidates = named.length > 0 ? named : alternatives;
  const verdicts = candidates.map((alternative) => judgeRoot(alternative, dialect, rootName, root));
  return verdicts.find((verdict) => verdict.kind === 'valid') ?? verdicts[0]!;
}

function judgeRoot(schema: JsonSchema, dialect: Operation['dialect'], rootName: string, root: unknown): XmlVerdict {
  const problem = (message: string): XmlVerdict => ({ kind: 'invalid', errors: [{ instancePath: '', keyword: 'xml', message }] });
  const expected = expectedRoot(schema);
  if (expected !== undefined && localName(rootName) !== expected) return problem(`the root element is <${rootName}>, expected <${expected}>`);
  const { namespace } = hints(schema);
  if (namespace !== undefined) {
    const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : '';
    const declared = isRecord(root) ? root[`${ATTRIBUTE}xmlns${prefix ? `:${prefix}` : ''}`] : undefined;
    if (declared !== namespace) return problem(`the root element's namespace is ${declared === undefined ? '(none)' : JSON.stringify(declared)}, expected ${JSON.stringify(namespace)}`);
  }
  const errors = validateAgainstSchema(schema, dialect, toJson(root, schema));
  if (errors === undefined) return { kind: 'uncompilable' };
  return errors.length === 0 ? { kind: 'valid' } : { kind: 'invalid', errors };
}
