// A `curl` command line that sends exactly the request that failed. Secrets (tickets, tokens) are
// replaced by shell variables such as $HYPERSIM_AUTH so reports can be shared.
import type { AuthSecret } from '../auth.js';
import type { SentRequest } from '../types.js';

export interface CurlOptions {
  insecure?: boolean;
  secrets?: AuthSecret[];
}

/** Single-quotes literal text for a POSIX shell; the only character needing care inside is `'`. */
function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** One shell word: literal parts single-quoted, secrets as "$VARIABLE" right next to them. */
export function shellWord(text: string, secrets: AuthSecret[] = []): string {
  const usable = secrets.filter((secret) => secret.value.length > 0).sort((a, b) => b.value.length - a.value.length);
  if (usable.length === 0 || !usable.some((secret) => text.includes(secret.value))) return quoteLiteral(text);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let next: { index: number; secret: AuthSecret } | undefined;
    for (const secret of usable) {
      const index = rest.indexOf(secret.value);
      if (index >= 0 && (next === undefined || index < next.index)) next = { index, secret };
    }
    if (next === undefined) {
      parts.push(quoteLiteral(rest));
      break;
    }
    if (next.index > 0) parts.push(quoteLiteral(rest.slice(0, next.index)));
    parts.push(`"$${next.secret.placeholder}"`);
    rest = rest.slice(next.index + next.secret.value.length);
  }
  return parts.join('');
}

export function toCurl(request: SentRequest, options: CurlOptions = {}): string {
  const secrets = options.secrets ?? [];
  const words = ['curl', '-sS', '-i'];
  if (options.insecure) words.push('-k');
  // curl -X HEAD waits for a body that never comes; -I is its way of sending HEAD
  if (request.method === 'HEAD') words.push('-I');
  else words.push('-X', request.method);
  for (const [name, value] of Object.entries(request.headers)) words.push('-H', shellWord(`${name}: ${value}`, secrets));
  if (request.body !== undefined) words.push('--data-raw', shellWord(request.body, secrets));
  words.push(shellWord(request.url, secrets));
  return words.join(' ');
}

/** The shell variables a reproducer needs, e.g. ["HYPERSIM_AUTH"]. */
export function placeholdersUsed(command: string): string[] {
  return [...new Set([...command.matchAll(/"\$(HYPERSIM_[A-Z0-9_]*)"/g)].map((match) => match[1] as string))];
}
