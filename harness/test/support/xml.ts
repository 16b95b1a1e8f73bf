// A strict little XML reader for tests: well-formedness (nesting, quoting, entities) and a tree to
// assert on. Enough for JUnit files; no DTDs, no CDATA.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);|&/gi, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new Error('bare & in text');
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const TAG = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    const open = rest.indexOf('<');
    const text = open < 0 ? rest : rest.slice(0, open);
    if (text.length > 0) {
      const current = stack.at(-1) as XmlElement;
      if (current === root && text.trim()) throw new Error('text outside the root element');
      current.text += decode(text);
    }
    if (open < 0) break;
    rest = rest.slice(open);
    const match = TAG.exec(rest);
    if (!match) throw new Error(`malformed tag near: ${rest.slice(0, 40)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    rest = rest.slice(whole.length);
    if (closing) {
      const top = stack.pop();
      if (top?.name !== name) throw new Error(`</${name}> closes <${top?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (attributeText ?? '').matchAll(/([A-Za-z_][\w.-]*)\s*=\s*"([^"<]*)"/g)) {
      if (attribute[1] as string in attributes) throw new Error(`duplicate attribute ${attribute[1]}`);
      attributes[attribute[1] as string] = decode(attribute[2] as string);
    }
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    (stack.at(-1) as XmlElement).children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0] as XmlElement;
}
