// Which operations a run covers: --include/--exclude (operationId, path glob, or tag) and --read-only.
import type { Operation } from './types.js';

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `*` matches within one path segment, `**` across segments. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] as string;
    if (char === '*' && glob[index + 1] === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A selector is an operationId, a tag, "METHOD /path", or a path (glob) starting with "/". */
export function matchesSelector(operation: Operation, selector: string): boolean {
  if (selector === operation.id || operation.tags.includes(selector)) return true;
  const methodAndPath = /^([A-Za-z]+)\s+(\/.*)$/.exec(selector);
  if (methodAndPath) {
    return methodAndPath[1]?.toUpperCase() === operation.method && globToRegExp(methodAndPath[2] ?? '').test(operation.path);
  }
  if (selector.startsWith('/')) return globToRegExp(selector).test(operation.path);
  return false;
}

export interface OperationFilter {
  include?: string[];
  exclude?: string[];
  readOnly?: boolean;
}

export function selectOperations(operations: Operation[], filter: OperationFilter): Operation[] {
  const include = filter.include ?? [];
  const exclude = filter.exclude ?? [];
  return operations.filter(
    (operation) =>
      (include.length === 0 || include.some((selector) => matchesSelector(operation, selector))) &&
      !exclude.some((selector) => matchesSelector(operation, selector)) &&
      (!filter.readOnly || SAFE_METHODS.has(operation.method)),
  );
}
