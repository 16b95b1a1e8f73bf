// The XML representation, written and read with fast-xml-parser (never by string concatenation): the
// root element carries Veeam's namespace; element order is the tree's order.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Element, Scalar } from './tree.js';

export const VEEAM_NAMESPACE = 'http://www.veeam.com/ent/v1.0';

type OrderedNode = Record<string, unknown>;

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: true });
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function toXml(root: Element): string {
  const declaration = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'utf-8' } };
  return builder.build([declaration, ordered(root, { xmlns: VEEAM_NAMESPACE })]) as string;
}

function ordered(element: Element, extraAttributes: Record<string, string> = {}): OrderedNode {
  const attributes: Record<string, string> = { ...extraAttributes };
  for (const [name, value] of Object.entries(element.attributes)) if (value !== undefined) attributes[name] = scalarText(value);
  const children: OrderedNode[] = [];
  for (const child of element.children) {
    if (child.kind === 'text') children.push({ [child.name]: [{ '#text': scalarText(child.value) }] });
    else if (child.kind === 'element') children.push(ordered(child.element));
    else if (child.kind === 'wrapped') children.push({ [child.name]: child.items.map((item) => ordered(item)) });
    else children.push(...child.items.map((item) => ordered(item)));
  }
  const node: OrderedNode = { [element.name]: children };
  if (Object.keys(attributes).length > 0) node[':@'] = attributes;
  return node;
}

function scalarText(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

export class XmlBodyError extends Error {
  override name = 'XmlBodyError';
}

export interface XmlDocument {
  root: string;
  namespace: string | undefined;
  /** the root's content as plain data: attributes and leaf elements as text, repeated names as arrays */
  content: Record<string, unknown>;
}

/** Reads a request body; malformed XML is an XmlBodyError with the parser's line and column. */
export function parseXml(text: string): XmlDocument {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new XmlBodyError(`There is an error in XML document (${verdict.err.line}, ${verdict.err.col}): ${verdict.err.msg}`);
  let parsed: OrderedNode[];
  try {
    parsed = parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new XmlBodyError(`There is an error in XML document: ${(error as Error).message}`);
  }
  const nodes = parsed.filter((node) => !('#text' in node) && !('#comment' in node));
  if (nodes.length !== 1) throw new XmlBodyError('There is an error in XML document: expected one root element');
  const rootNode = nodes[0]!;
  const root = elementName(rootNode);
  const attributes = (rootNode[':@'] ?? {}) as Record<string, string>;
  const namespace = attributes.xmlns;
  const content = plain(rootNode);
  if (typeof content !== 'object') return { root: localName(root), namespace, content: {} };
  for (const name of Object.keys(content)) if (name === 'xmlns' || name.startsWith('xmlns:')) delete content[name];
  return { root: localName(root), namespace, content };
}

function elementName(node: OrderedNode): string {
  return Object.keys(node).find((key) => key !== ':@')!;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An element as data: text for a leaf, an object for an element with attributes or children. */
function plain(node: OrderedNode): string | Record<string, unknown> {
  const name = elementName(node);
  const children = (node[name] as OrderedNode[]) ?? [];
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const elements = children.filter((child) => !('#text' in child) && !('#comment' in child));
  const textContent = children.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
  if (elements.length === 0 && Object.keys(attributes).length === 0) return textContent;
  const out: Record<string, unknown> = { ...attributes };
  for (const child of elements) {
    const key = localName(elementName(child));
    const value = plain(child);
    if (!(key in out)) out[key] = value;
    else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
    else out[key] = [out[key], value];
  }
  return out;
}
