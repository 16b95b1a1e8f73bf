// Proxmox VE authentication: a ticket from POST /access/ticket (cookie PVEAuthCookie, plus the
// CSRFPreventionToken header on every non-GET request) or an API token in the Authorization header.
import {
  AuthError,
  forgeLike,
  headerOnlySession,
  withCookie,
  withHeaders,
  withoutCredentialHeaders,
  type AuthHttp,
  type AuthRecipe,
  type AuthSession,
} from '../../harness/src/auth.js';
import type { SentRequest } from '../../harness/src/types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** PVE tickets are valid for two hours. */
const TICKET_LIFETIME_MS = 2 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^(?:PVEAPIToken=)?([^!=\s]+![^=\s]+)=(.+)$/;

export const pveAuth: AuthRecipe = {
  name: 'pve',
  matches: (operations) => operations.some((operation) => operation.method === 'POST' && /\/access\/ticket$/.test(operation.path)),
  simulatorAuth: 'root@pam:hypersim',
  async login(auth, credentialHeaders, http) {
    if (auth === undefined) return headerOnlySession(credentialHeaders);
    const token = TOKEN_SHAPE.exec(auth);
    if (token && !auth.includes(':')) return apiTokenSession(token[1] ?? '', token[2] ?? '');
    const colon = auth.indexOf(':');
    if (colon <= 0) {
      throw new AuthError("--auth for PVE is USER@REALM:PASSWORD or 'PVEAPIToken=USER@REALM!TOKENID=SECRET'");
    }
    return ticketSession(auth.slice(0, colon), auth.slice(colon + 1), http);
  },
};

export function apiTokenSession(tokenId: string, secret: string): AuthSession {
  const header = (value: string) => ({ Authorization: `PVEAPIToken=${tokenId}=${value}` });
  return {
    apply: (request) => withHeaders(request, header(secret)),
    strip: withoutCredentialHeaders,
    forge: (request) => withHeaders(withoutCredentialHeaders(request), header(forgeLike(secret))),
    secrets: [{ value: secret, placeholder: 'HYPERSIM_AUTH' }],
    description: `PVE API token ${tokenId}`,
  };
}

async function ticketSession(username: string, password: string, http: AuthHttp): Promise<AuthSession> {
  const response = await http.send({
    method: 'POST',
    url: `${http.baseUrl}/access/ticket`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const data = (response.json as { data?: { ticket?: unknown; CSRFPreventionToken?: unknown } } | undefined)?.data;
  if (response.status !== 200 || typeof data?.ticket !== 'string' || typeof data.CSRFPreventionToken !== 'string') {
    throw new AuthError(`PVE login as ${username} failed: ${response.status} ${response.statusText || response.bodyText.slice(0, 200)}`);
  }
  return ticketCredentials(username, data.ticket, data.CSRFPreventionToken);
}

export function ticketCredentials(username: string, ticket: string, csrf: string): AuthSession {
  const withTicket = (request: SentRequest, ticketValue: string, csrfValue: string) => {
    const withCookieSet = withCookie(request, 'PVEAuthCookie', ticketValue);
    return SAFE_METHODS.has(request.method) ? withCookieSet : withHeaders(withCookieSet, { CSRFPreventionToken: csrfValue });
  };
  return {
    apply: (request) => withTicket(request, ticket, csrf),
    strip: withoutCredentialHeaders,
    forge: (request) => withTicket(withoutCredentialHeaders(request), forgeTicket(ticket), forgeLike(csrf)),
    secrets: [
      { value: ticket, placeholder: 'HYPERSIM_AUTH' },
      { value: csrf, placeholder: 'HYPERSIM_CSRF' },
    ],
    description: `PVE ticket for ${username}`,
    expiresAt: Date.now() + TICKET_LIFETIME_MS,
  };
}

/** PVE:user@realm:HEXTIME::SIGNATURE -> same user and time, a signature that cannot verify. */
function forgeTicket(ticket: string): string {
  const signatureStart = ticket.lastIndexOf('::');
  if (signatureStart < 0) return forgeLike(ticket);
  return ticket.slice(0, signatureStart + 2) + forgeLike(ticket.slice(signatureStart + 2));
}
