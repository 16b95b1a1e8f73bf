// Problems found in a schema while reading it. Generation never throws on a messy schema: it does the
// closest sensible thing and records what it did here, so the CLI can report spec problems as warnings.

export interface SchemaWarning {
  /** JSON pointer inside the schema that was handed in ('' for its root) */
  pointer: string;
  message: string;
}

/** Collects warnings; a sink that is not given simply drops them. */
export interface WarningSink {
  warn(pointer: string, message: string): void;
}

export function createWarningLog(): WarningSink & { readonly list: SchemaWarning[] } {
  const list: SchemaWarning[] = [];
  const seen = new Set<string>();
  return {
    list,
    warn(pointer, message) {
      const key = `${pointer}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      list.push({ pointer, message });
    },
  };
}

export const ignoreWarnings: WarningSink = { warn() {} };

export function childPointer(pointer: string, ...segments: Array<string | number>): string {
  return pointer + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
