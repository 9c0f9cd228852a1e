/* Other modules use nothing of sign-in and sessions: app.ts registers its routes, auth/session-hooks.ts reads the sessions. */
export {};
