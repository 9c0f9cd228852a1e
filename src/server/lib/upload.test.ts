import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandlers } from '../http/problem.ts';
import { multipartRoute, readUpload } from './upload.ts';

/** A multipart/form-data body with one part; a part without a file name is a plain field. */
function form(part: { field: string; fileName?: string; content: string }, opts: { truncate?: boolean } = {}) {
  const boundary = 'praevis-upload-test';
  const disposition = `form-data; name="${part.field}"${part.fileName ? `; filename="${part.fileName}"` : ''}`;
  const body = `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n\r\n${part.content}\r\n--${boundary}--\r\n`;
  return {
    payload: opts.truncate ? body.slice(0, body.length - 30) : body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('readUpload', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installProblemHandlers(app);
    await app.register(fastifyMultipart, { limits: { fileSize: 1000, files: 1, fields: 20 } });
    app.post('/upload', multipartRoute, async (req) => {
      const file = await readUpload(req, { maxBytes: 100 });
      return { fileName: file.fileName, content: file.content.toString('utf8'), mimeType: file.mimeType };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: { payload: string; headers: Record<string, string> }) =>
    app.inject({ method: 'POST', url: '/upload', ...body }).then((res) => ({ status: res.statusCode, json: res.json() }));
  const firstError = (json: { errors?: { field: string; code: string }[] }) => json.errors?.[0];

  it('reads the file of the field "file" with its name and declared type', async () => {
    expect(await post(form({ field: 'file', fileName: 'liste.csv', content: 'a;b' }))).toEqual({
      status: 200,
      json: { fileName: 'liste.csv', content: 'a;b', mimeType: 'text/csv' },
    });
  });

  it('refuses a body that is not multipart with 415', async () => {
    const res = await post({ payload: '{"file":"x"}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(415);
    expect(firstError(res.json)).toMatchObject({ field: 'file', code: 'multipart_required' });
  });

  it('refuses a file in another field, and a form without a file, with 400 required', async () => {
    const other = await post(form({ field: 'attachment', fileName: 'liste.csv', content: 'a;b' }));
    expect(other.status).toBe(400);
    expect(firstError(other.json)).toMatchObject({ field: 'file', code: 'required' });
    const none = await post(form({ field: 'note', content: 'no file here' }));
    expect(none.status).toBe(400);
    expect(firstError(none.json)).toMatchObject({ field: 'file', code: 'required' });
  });

  it('refuses a body cut off in the middle with 400 malformed, not a server error', async () => {
    const res = await post(form({ field: 'file', fileName: 'liste.csv', content: 'x'.repeat(50) }, { truncate: true }));
    expect(res.status).toBe(400);
    expect(firstError(res.json)).toMatchObject({ field: 'file', code: 'malformed' });
  });

  it("answers 413 for a file over the route's limit", async () => {
    const res = await post(form({ field: 'file', fileName: 'gross.csv', content: 'x'.repeat(101) }));
    expect(res.status).toBe(413);
  });
});
