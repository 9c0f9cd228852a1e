/* Other modules use nothing of the health probes and the OpenAPI document: app.ts registers their routes. */
export {};
