// RFC 6901 JSON pointers ("/data/status") over parsed JSON.

export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return document;
  const tokens = pointer.replace(/^#/, '').split('/').slice(1);
  let current: unknown = document;
  for (const raw of tokens) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
