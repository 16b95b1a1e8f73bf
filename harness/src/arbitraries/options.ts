// Options shared by every generator in this folder, and the defaults that keep generated requests small.

export type Dialect = 'openapi-3.0' | 'openapi-3.1';

/** Which side of an exchange a schema describes: `readOnly` properties are never sent in requests,
 * `writeOnly` ones are not required in responses. */
export type Direction = 'request' | 'response' | 'any';

export interface SchemaArbitraryOptions {
  dialect: Dialect;
  /** nesting depth past which objects get only their required properties and arrays their minimum
   * length (default 4) */
  maxDepth?: number;
  /** upper bound on generated array lengths when the schema allows more (default 5) */
  maxItems?: number;
  /** upper bound on generated string lengths when the schema allows more (default 32) */
  maxLength?: number;
  /** default 'any'; requestArbitrary uses 'request' */
  direction?: Direction;
}

export interface ResolvedOptions {
  dialect: Dialect;
  maxDepth: number;
  maxItems: number;
  maxLength: number;
  direction: Direction;
}

export function resolveOptions(options: SchemaArbitraryOptions): ResolvedOptions {
  return {
    dialect: options.dialect,
    maxDepth: options.maxDepth ?? 4,
    maxItems: options.maxItems ?? 5,
    maxLength: options.maxLength ?? 32,
    direction: options.direction ?? 'any',
  };
}
