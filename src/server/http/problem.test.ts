import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../test/harness.ts';

describe.each(DIALECTS)('problem responses on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await ctx.anonymous.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, type: expect.stringContaining('not-found') });
  });

  it('answers a missing session with 401 and a wrong role with 403', async () => {
    expect((await ctx.anonymous.get('/api/users')).statusCode).toBe(401);
    const res = await (await ctx.as('ministry')).get('/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/forbidden-role/);
  });

  it('checks the session before reading the body: anonymous junk gets 401, not 400', async () => {
    const res = await ctx.anonymous.post('/api/users', undefined, { raw: '{broken' });
    expect(res.statusCode).toBe(401);
  });

  it('refuses NUL characters in the query and the body with 400 (PostgreSQL cannot store them)', async () => {
    const admin = await ctx.as('admin');
    const q = await admin.get('/api/audit?entityId=%00');
    expect(q.statusCode).toBe(400);
    expect(q.json().errors[0].field).toBe('query');
    const b = await admin.post('/api/users', { email: 'nul@example.org', displayName: 'a\u0000b', role: 'lpr' });
    expect(b.statusCode).toBe(400);
    expect(b.json().errors[0].field).toBe('body.displayName');
  });

  it('carries a request id on every response and in every problem', async () => {
    const res = await ctx.anonymous.get('/api/users');
    expect(res.headers['x-request-id']).toBe(res.json().requestId);
  });

  it('serves the OpenAPI 3.1 document and its reference page', async () => {
    const doc = await ctx.anonymous.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/api/users/{id}');
    const ui = await ctx.anonymous.get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('reports readiness: only ok to anonymous callers, the database type to admins', async () => {
    expect((await ctx.anonymous.get('/api/health/ready')).json()).toEqual({ status: 'ok' });
    expect((await (await ctx.as('lpr')).get('/api/health/ready')).json()).toEqual({ status: 'ok' });
    expect((await (await ctx.as('admin')).get('/api/health/ready')).json()).toEqual({ status: 'ok', database: dialect });
  });
});

describe.each(DIALECTS)('internal errors on %s', (dialect) => {
  it('answers 500 problem+json with the request id and no stack trace, and logs it', async () => {
    const ctx = await createTestContext(dialect);
    const logged: string[] = [];
    ctx.app.log.error = ((obj: unknown) => {
      logged.push(JSON.stringify(obj));
    }) as typeof ctx.app.log.error;
    await ctx.database.destroy(); // the database handle is closed under a running app: a fault, not an outage
    const res = await ctx.anonymous.post('/api/auth/login', { email: 'someone@example.org', password: 'not-the-password' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/\.ts:\d+|node_modules|at async/);
    await ctx.app.close();
  });
});
