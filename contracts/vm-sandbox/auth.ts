// The sandbox VM API: an API key in `X-API-Key` (--auth KEY), or USER:PASSWORD for the OAuth2 password
// flow (POST /v1/token, form username/password -> access_token) and `Authorization: Bearer <token>`.
import { AuthError, headerOnlySession, loginPath, tokenHeaderSession, userAndPassword, type AuthRecipe } from '../../harness/src/auth.js';

export const vmSandboxAuth: AuthRecipe = {
  name: 'vm-sandbox',
  matches: (operations) => operations.some((operation) => /^\/v1\/vms/.test(operation.path)),
  /** the default scenario's API key for its default user */
  simulatorAuth: 'hs-test-key',
  async login(auth, credentialHeaders, http) {
    if (auth === undefined) return headerOnlySession(credentialHeaders);
    const credentials = userAndPassword(auth);
    if (!credentials) return tokenHeaderSession('X-API-Key', auth, 'API key');
    const path = loginPath(http, /\/token$/, '/v1/token');
    const response = await http.send({
      method: 'POST',
      url: `${http.baseUrl}${path}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: credentials.user, password: credentials.password }).toString(),
    });
    const token = (response.json as { access_token?: unknown } | undefined)?.access_token;
    if (response.status !== 200 || typeof token !== 'string') {
      throw new AuthError(`sandbox login as ${credentials.user} failed: ${response.status} ${response.statusText}`.trim());
    }
    return tokenHeaderSession('Authorization', token, `bearer token for ${credentials.user}`, 'Bearer');
  },
};
