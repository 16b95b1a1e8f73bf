// vCenter Automation REST: POST /api/session with Basic auth answers 201 and a bare JSON string; every
// later call sends it in `vmware-api-session-id`.
import { AuthError, basicAuthorization, headerOnlySession, loginPath, tokenHeaderSession, userAndPassword, type AuthRecipe } from '../../harness/src/auth.js';

export const SESSION_HEADER = 'vmware-api-session-id';

export const vsphereAuth: AuthRecipe = {
  name: 'vsphere',
  matches: (operations) => operations.some((operation) => operation.method === 'POST' && /(^|\/)session$/.test(operation.path)) &&
    operations.some((operation) => operation.path.includes('/vcenter/')),
  simulatorAuth: 'administrator@vsphere.local:hypersim',
  async login(auth, credentialHeaders, http) {
    if (auth === undefined) return headerOnlySession(credentialHeaders);
    const credentials = userAndPassword(auth);
    if (!credentials) throw new AuthError('--auth for vCenter is USER:PASSWORD, e.g. administrator@vsphere.local:secret');
    const path = loginPath(http, /(^|\/)session$/, '/session');
    const response = await http.send({ method: 'POST', url: `${http.baseUrl}${path}`, headers: { Authorization: basicAuthorization(auth) } });
    if ((response.status !== 200 && response.status !== 201) || typeof response.json !== 'string') {
      throw new AuthError(`vCenter login as ${credentials.user} failed: ${response.status} ${response.statusText}`.trim());
    }
    return tokenHeaderSession(SESSION_HEADER, response.json, `vCenter session for ${credentials.user}`);
  },
};
