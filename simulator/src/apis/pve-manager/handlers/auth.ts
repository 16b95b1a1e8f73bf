// POST /auth/login: email and password for a signed token.
import { issueToken } from '../auth.js';
import { ManagerError } from '../errors.js';
import type { ManagerOperation } from '../operation.js';
import { userView } from '../views.js';

export const authOperations: ManagerOperation[] = [
  {
    operationId: 'login',
    method: 'POST',
    path: '/auth/login',
    public: true,
    missingFields: 'Email and password are required',
    handle({ body, model }) {
      const user = model.users.byEmail(body.email);
      if (!user || user.password !== body.password) throw new ManagerError(401, 'Invalid email or password');
      const { token, expiresAt } = issueToken(model, user);
      return { message: 'Login successful', data: { token, expires_at: new Date(expiresAt).toISOString(), user: userView(user) } };
    },
  },
];
