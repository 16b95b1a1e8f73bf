// Patterns as JavaScript (and ajv, which compiles with the `u` flag) can use them. Real specs carry
// Perl syntax: `(?^:...)` groups and needless escapes such as `\_` that a `u` regex rejects. The
// harmless cases are repaired; anything else is reported so the caller can fall back.

export type PatternResult = { ok: true; source: string; regex: RegExp } | { ok: false; reason: string };

/** Characters that may follow a backslash in a `u`-mode regex without meaning something else. */
const SYNTAX_ESCAPES = new Set([...'^$\\.*+?()[]{}|/-']);
const ESCAPE_LETTERS = /[A-Za-z0-9]/;

export function compilePattern(pattern: unknown): PatternResult {
  if (typeof pattern !== 'string') return { ok: false, reason: 'pattern is not a string' };
  const direct = tryCompile(pattern);
  if (direct) return { ok: true, source: pattern, regex: direct };
  if (/\(\?\^[a-z]+:/.test(pattern)) {
    return { ok: false, reason: 'pattern uses Perl inline modifiers (?^flags:...) that JavaScript lacks' };
  }
  const repaired = dropNeedlessEscapes(pattern.replace(/\(\?\^:/g, '(?:'));
  const second = tryCompile(repaired);
  if (second) return { ok: true, source: repaired, regex: second };
  return { ok: false, reason: 'pattern is not a valid JavaScript regular expression' };
}

function tryCompile(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

/** `\_` and friends mean the character itself in Perl and in non-unicode JS, but are errors in `u` mode. */
function dropNeedlessEscapes(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      if (!SYNTAX_ESCAPES.has(next) && !ESCAPE_LETTERS.test(next)) {
        out += next;
      } else {
        out += ch + next;
      }
      i++;
      continue;
    }
    out += ch;
  }
  return out;
}
