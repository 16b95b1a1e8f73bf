// How the harness authenticates: a recipe (one per API, in contracts/<api>/auth.ts) turns the user's
// `--auth` value into a session that adds credentials to a request, removes them (auth phase, "none"),
// or replaces them with well-formed but wrong ones (auth phase, "bad").
import type { Operation, ReceivedResponse, SentRequest } from './types.js';

export interface AuthHttp {
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  /** the document's operations, for recipes that find their login path there */
  operations?: Operation[];
}

export interface AuthSecret {
  value: string;
  /** shell variable the curl reproducer shows instead of the value, e.g. HYPERSIM_AUTH */
  placeholder: string;
}

export interface AuthSession {
  /** the request with this session's credentials added */
  apply(request: SentRequest): SentRequest;
  /** the request with every credential removed (including ones given with --header) */
  strip(request: SentRequest): SentRequest;
  /** the request with credentials that look right but are not valid */
  forge(request: SentRequest): SentRequest;
  /** values to mask in reports */
  secrets: AuthSecret[];
  /** a human description for the console, e.g. "PVE ticket for root@pam" */
  description: string;
  /** when the credentials stop working (epoch ms); the run logs in again shortly before */
  expiresAt?: number;
}

export interface AuthRecipe {
  name: string;
  /** whether the recipe fits a document (used to pick one for --spec without --api) */
  matches(operations: Operation[]): boolean;
  /** credentials for the in-process simulator when the user gives none */
  simulatorAuth?: string;
  /** log in with the user's `--auth` value (undefined: none given); `credentialHeaders` are the
   * credential-looking `--header` values, which a recipe may use instead of `--auth` */
  login(auth: string | undefined, credentialHeaders: Record<string, string>, http: AuthHttp): Promise<AuthSession>;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization)$|api[-_]?key|token|session|auth/i;

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

export function withHeaders(request: SentRequest, headers: Record<string, string>): SentRequest {
  return { ...request, headers: { ...request.headers, ...headers } };
}

/** Adds the headers the request does not set itself (names compared without case). */
export function withMissingHeaders(request: SentRequest, headers: Record<string, string>): SentRequest {
  const present = new Set(Object.keys(request.headers).map((name) => name.toLowerCase()));
  const missing = Object.entries(headers).filter(([name]) => !present.has(name.toLowerCase()));
  return missing.length === 0 ? request : { ...request, headers: { ...request.headers, ...Object.fromEntries(missing) } };
}

export function withoutCredentialHeaders(request: SentRequest): SentRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (!isCredentialHeader(name)) headers[name] = value;
  return { ...request, headers };
}

/** Adds a cookie to the request's Cookie header, keeping the cookies the case itself carries. */
export function withCookie(request: SentRequest, name: string, value: string): SentRequest {
  const cookieKey = Object.keys(request.headers).find((header) => header.toLowerCase() === 'cookie');
  const existing = cookieKey ? request.headers[cookieKey] : undefined;
  const headers = { ...request.headers };
  if (cookieKey) delete headers[cookieKey];
  headers.Cookie = existing ? `${existing}; ${name}=${value}` : `${name}=${value}`;
  return { ...request, headers };
}

/** `Basic base64(user:password)` from a USER:PASSWORD value (the first colon separates them). */
export function basicAuthorization(auth: string): string {
  return `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;
}

/** Splits USER:PASSWORD at the first colon; undefined when there is none. */
export function userAndPassword(auth: string): { user: string; password: string } | undefined {
  const colon = auth.indexOf(':');
  return colon <= 0 ? undefined : { user: auth.slice(0, colon), password: auth.slice(colon + 1) };
}

/** The login operation's path: the first POST whose path matches, else the fallback. */
export function loginPath(http: AuthHttp, pattern: RegExp, fallback: string): string {
  return http.operations?.find((operation) => operation.method === 'POST' && pattern.test(operation.path))?.path ?? fallback;
}

/**
 * A session that sends one header (a session id, a bearer token, an API key); forged credentials keep
 * the header and its scheme with a value of the same shape.
 */
export function tokenHeaderSession(header: string, value: string, description: string, scheme = ''): AuthSession {
  const prefix = scheme ? `${scheme} ` : '';
  return {
    apply: (request) => withHeaders(request, { [header]: `${prefix}${value}` }),
    strip: withoutCredentialHeaders,
    forge: (request) => withHeaders(withoutCredentialHeaders(request), { [header]: `${prefix}${forgeLike(value)}` }),
    secrets: [{ value, placeholder: 'HYPERSIM_AUTH' }],
    description,
  };
}

/** Replaces a credential's value with one of the same shape: letters stay letters, digits stay digits. */
export function forgeLike(value: string): string {
  let forged = '';
  for (const char of value) {
    if (/[0-9]/.test(char)) forged += '0';
    else if (/[a-z]/.test(char)) forged += 'x';
    else if (/[A-Z]/.test(char)) forged += 'X';
    else forged += char;
  }
  return forged === value ? `${value}-forged` : forged;
}

/**
 * The fallback for documents without a recipe: credentials come only from `--header`. Forged credentials
 * keep each credential header's scheme ("Bearer ...") and shape.
 */
export function headerOnlySession(credentialHeaders: Record<string, string>): AuthSession {
  const forged: Record<string, string> = {};
  for (const [name, value] of Object.entries(credentialHeaders)) {
    const scheme = /^(\w+)\s+(.*)$/.exec(value);
    forged[name] = scheme ? `${scheme[1]} ${forgeLike(scheme[2] ?? '')}` : forgeLike(value);
  }
  const names = Object.keys(credentialHeaders);
  return {
    apply: (request) => withHeaders(request, credentialHeaders),
    strip: withoutCredentialHeaders,
    forge: (request) => withHeaders(withoutCredentialHeaders(request), forged),
    secrets: Object.values(credentialHeaders).map((value, index) => ({ value, placeholder: index === 0 ? 'HYPERSIM_AUTH' : `HYPERSIM_AUTH_${index + 1}` })),
    description: names.length > 0 ? `headers ${names.join(', ')}` : 'no credentials',
  };
}

export const genericRecipe: AuthRecipe = {
  name: 'generic',
  matches: () => true,
  async login(auth, credentialHeaders) {
    if (auth !== undefined) {
      throw new AuthError('--auth needs an API with a login recipe (--api pve, ...); for other documents pass credentials with --header');
    }
    return headerOnlySession(credentialHeaders);
  },
};
