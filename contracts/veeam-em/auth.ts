// Veeam Backup Enterprise Manager: POST /api/sessionMngr/?v=latest with Basic auth answers 201 and the
// session id in the `X-RestSvcSessionId` response header, which every later call sends back.
import { AuthError, basicAuthorization, headerOnlySession, loginPath, tokenHeaderSession, userAndPassword, type AuthRecipe } from '../../harness/src/auth.js';

export const SESSION_HEADER = 'X-RestSvcSessionId';

export const veeamAuth: AuthRecipe = {
  name: 'veeam-em',
  matches: (operations) => operations.some((operation) => operation.method === 'POST' && /sessionMngr/.test(operation.path)),
  simulatorAuth: 'Administrator:hypersim',
  async login(auth, credentialHeaders, http) {
    if (auth === undefined) return headerOnlySession(credentialHeaders);
    const credentials = userAndPassword(auth);
    if (!credentials) throw new AuthError('--auth for Veeam Enterprise Manager is USER:PASSWORD, e.g. DOMAIN\\\\user:secret');
    const path = loginPath(http, /sessionMngr\/?$/, '/sessionMngr/');
    const response = await http.send({
      method: 'POST',
      url: `${http.baseUrl}${path}?v=latest`,
      headers: { Authorization: basicAuthorization(auth), Accept: 'application/json' },
    });
    const session = response.headers[SESSION_HEADER.toLowerCase()];
    if (response.status !== 201 || !session) {
      throw new AuthError(`Veeam login as ${credentials.user} failed: ${response.status} ${response.statusText}`.trim());
    }
    return tokenHeaderSession(SESSION_HEADER, session, `Veeam logon session for ${credentials.user}`);
  },
};
