// The PVE management layer: POST /api/v1/auth/login {email, password} answers a JWT (in the
// {code, message, data} envelope, or bare); later calls send `Authorization: Bearer <token>`.
import { AuthError, headerOnlySession, loginPath, tokenHeaderSession, userAndPassword, type AuthRecipe } from '../../harness/src/auth.js';

function tokenOf(json: unknown): string | undefined {
  const body = json as { token?: unknown; data?: { token?: unknown } } | undefined;
  const token = body?.data?.token ?? body?.token;
  return typeof token === 'string' && token ? token : undefined;
}

export const pveManagerAuth: AuthRecipe = {
  name: 'pve-manager',
  matches: (operations) => operations.some((operation) => operation.method === 'POST' && /\/auth\/login$/.test(operation.path)),
  simulatorAuth: 'superadmin@hypersim.local:hypersim',
  async login(auth, credentialHeaders, http) {
    if (auth === undefined) return headerOnlySession(credentialHeaders);
    const credentials = userAndPassword(auth);
    if (!credentials) throw new AuthError('--auth for the management layer is EMAIL:PASSWORD');
    const path = loginPath(http, /\/auth\/login$/, '/auth/login');
    const response = await http.send({
      method: 'POST',
      url: `${http.baseUrl}${path}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: credentials.user, password: credentials.password }),
    });
    const token = tokenOf(response.json);
    if (response.status >= 300 || token === undefined) {
      throw new AuthError(`management-layer login as ${credentials.user} failed: ${response.status} ${response.statusText}`.trim());
    }
    return tokenHeaderSession('Authorization', token, `bearer token for ${credentials.user}`, 'Bearer');
  },
};
