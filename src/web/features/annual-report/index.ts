/* Other features use nothing of this feature: the router (app/router.tsx) composes its page. */
export {};
