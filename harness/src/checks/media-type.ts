// Media types as HTTP sends them ("application/json;charset=UTF-8") reduced to what a spec documents.

/** The essence of a Content-Type (type/subtype, lower case, no parameters); undefined when absent. */
export function essenceOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return essence ? essence : undefined;
}

export function responseMediaType(headers: Record<string, string>): string | undefined {
  return essenceOf(headers['content-type']);
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * The documented media-type key that covers `actual`: an exact match first, then `type/*`, then `*\/*`.
 * Documented keys may carry parameters (`application/json;charset=UTF-8`); those are ignored.
 */
export function matchDocumentedMediaType(documented: Iterable<string>, actual: string): string | undefined {
  const keys = [...documented];
  const [type] = actual.split('/', 1);
  const byEssence = (wanted: string) => keys.find((key) => essenceOf(key) === wanted);
  return byEssence(actual) ?? byEssence(`${type}/*`) ?? byEssence('*/*');
}
