import { routeRules } from '../../auth/access.ts';

/*
 * Who may do what with mail: `policies.mail` of `shared/policies.ts`. The outbox holds every
 * recipient's address and message: admins. Notification settings: each signed-in user their own.
 * Asking for a password reset and using a link: anyone.
 */
export const mailPolicy = routeRules('mail');
