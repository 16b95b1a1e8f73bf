// One neutral tree for every Veeam answer, rendered as XML or JSON by the writers beside it. An element
// has attributes (XML attributes, JSON properties) and ordered children: a text element, a nested
// element, a wrapped list (<Links><Link/>...</Links>, JSON "Links": [...]) or a repeated element
// (<Ref/><Ref/>, JSON "Refs": [...]).

export type Scalar = string | number | boolean;

export interface Element {
  name: string;
  attributes: Record<string, Scalar | undefined>;
  children: Child[];
}

export type Child =
  | { kind: 'text'; name: string; value: Scalar }
  | { kind: 'element'; element: Element }
  | { kind: 'wrapped'; name: string; items: Element[] }
  | { kind: 'repeated'; jsonName: string; items: Element[] };

/** Children given as undefined are left out (an optional element Veeam omits). */
export function el(name: string, attributes: Element['attributes'] = {}, ...children: Array<Child | undefined>): Element {
  return { name, attributes, children: children.filter((c): c is Child => c !== undefined) };
}

/** <Name>value</Name>; undefined and null leave the element out. */
export function text(name: string, value: Scalar | null | undefined): Child | undefined {
  return value === undefined || value === null ? undefined : { kind: 'text', name, value };
}

export function nested(element: Element | undefined): Child | undefined {
  return element === undefined ? undefined : { kind: 'element', element };
}

export function wrapped(name: string, items: Element[]): Child {
  return { kind: 'wrapped', name, items };
}

export function repeated(jsonName: string, items: Element[]): Child {
  return { kind: 'repeated', jsonName, items };
}
