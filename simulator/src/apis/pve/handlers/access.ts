// Logging in: POST /access/ticket.
import { capabilities } from '../model/access.js';
import { PveError } from '../errors.js';
import type { PveOperation } from '../operation.js';

export const accessOperations: PveOperation[] = [
  {
    operationId: 'createTicket',
    method: 'POST',
    path: '/access/ticket',
    public: true,
    handle({ params, model, headers }) {
      const username = String(params.username);
      const userid = username.includes('@') ? username : `${username}@${params.realm ?? 'pam'}`;
      const password = String(params.password);
      // A valid ticket works as the password too: that is how clients renew a ticket before it expires.
      const ok = model.access.checkPassword(userid, password) || model.access.verifyTicket(password) === userid;
      const user = ok ? model.access.user(userid) : undefined;
      if (!user || !user.enabled) throw new PveError('authentication failure', 401);
      const { ticket, csrf } = model.access.issueTicket(userid);
      headers['set-cookie'] = `PVEAuthCookie=${encodeURIComponent(ticket)}; Path=/; Secure; SameSite=Strict`;
      return { username: userid, ticket, CSRFPreventionToken: csrf, cap: capabilities(user) };
    },
  },
];
