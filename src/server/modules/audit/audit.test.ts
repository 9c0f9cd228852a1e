import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type Client, type TestContext } from '../../test/harness.ts';
import { redact } from './audit.service.ts';
import { todayBerlin } from '../../../shared/time.ts';

describe('redact', () => {
  it('removes secrets at any depth', () => {
    expect(redact({ a: 1, password: 'x', nested: [{ csrfToken: 'y', name: 'n' }] })).toEqual({
      a: 1,
      password: '[redacted]',
      nested: [{ csrfToken: '[redacted]', name: 'n' }],
    });
  });
});

describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.as('admin');
    await admin.post('/api/users', { email: 'one@example.org', displayName: '=cmd|calc', role: 'lpr' });
    await admin.post('/api/users', { email: 'two@example.org', displayName: 'Two', role: 'ministry' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('filters by action, entity and date and pages newest first', async () => {
    const all = (await admin.get('/api/audit?action=create&entityType=user')).json();
    expect(all.total).toBe(2);
    expect(all.items[0].after.email).toBe('two@example.org');
    const today = todayBerlin();
    expect((await admin.get(`/api/audit?action=create&from=${today}&to=${today}`)).json().total).toBe(2);
    expect((await admin.get('/api/audit?action=create&to=2000-01-01')).json().total).toBe(0);
    expect((await admin.get('/api/audit?action=create&pageSize=1&page=2')).json().items).toHaveLength(1);
    expect((await admin.get('/api/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('exports CSV that a spreadsheet cannot execute', async () => {
    const res = await admin.get('/api/audit.csv?action=create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('id;at;actor_user_id;actor;action;entity_type;entity_id;before;after;request_id');
    expect(lines).toHaveLength(3);
    expect(res.body).not.toMatch(/(^|;)=cmd/m);
    const rfc = await admin.get('/api/audit.csv?action=create&dialect=rfc4180');
    expect(rfc.body.split('\r\n')[0]).toBe('id,at,actor_user_id,actor,action,entity_type,entity_id,before,after,request_id');
  });

  it('names the acting user and filters by that user', async () => {
    const me = (await admin.get('/api/auth/session')).json();
    const created = (await admin.get('/api/audit?action=create&entityType=user')).json();
    expect(created.items[0].actorUserId).toBe(me.user.id);
    expect(created.items[0].actorName).toBe(me.user.displayName);
    expect(created.items[0].actorLabel).toBe(me.user.email);
    const byMe = (await admin.get(`/api/audit?actorUserId=${me.user.id}&action=create`)).json();
    expect(byMe.total).toBe(2);
    const other = (await admin.post('/api/users', { email: 'three@example.org', displayName: 'Three', role: 'lpr' })).json();
    expect((await admin.get(`/api/audit?actorUserId=${other.user.id}`)).json().total).toBe(0);
  });

  it('offers the actions and entity types the trail holds', async () => {
    const facets = (await admin.get('/api/audit/facets')).json();
    expect(facets.actions).toContain('create');
    expect(facets.actions).not.toContain('freeze_report');
    expect(facets.entityTypes).toContain('user');
    expect([...facets.actions].sort()).toEqual(facets.actions);
  });

  it('is for admins only', async () => {
    for (const role of ['lpr', 'coordinator', 'police', 'ministry'] as const) {
      const client = await ctx.as(role);
      expect((await client.get('/api/audit')).statusCode).toBe(403);
      expect((await client.get('/api/audit/facets')).statusCode).toBe(403);
    }
    expect((await ctx.anonymous.get('/api/audit')).statusCode).toBe(401);
    expect((await ctx.anonymous.get('/api/audit/facets')).statusCode).toBe(401);
  });
});
