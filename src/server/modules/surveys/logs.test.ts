import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeSurveyCode } from '../../../shared/surveys.schema.ts';

/*
 * The request log of a real server process (pino, as in production) after opening, saving and
 * submitting with codes – including failed attempts – holds method, path and status only: no code,
 * no answer, no address, no user agent. The code travels in the body only, never in a path.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

describe('request logs of the public questionnaire', () => {
  it('carry no code, no answer, no address', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'log-server.test-support.ts')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const info = await new Promise<{ url: string; codes: string[] }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const line = out.split('\n').find((l) => l.startsWith('{"url"'));
        if (line) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`log server exited with ${code}: ${err}`)));
    });
    const post = (p: string, body: unknown, method = 'POST') =>
      fetch(`${info.url}${p}`, {
        method,
        headers: { 'content-type': 'application/json', 'user-agent': 'LogProbe/7.3' },
        body: JSON.stringify(body),
      });
    const secret = 'Mein Nachbar Herr Beispielmann lärmt';
    const [a, b, c] = info.codes as [string, string, string];
    expect((await post('/api/public/survey/open', { code: a })).status).toBe(200);
    expect(
      (await post('/api/public/survey/draft', { code: a, answers: { sicher_nachts: 'sehr_unsicher', anmerkungen: secret } }, 'PUT')).status,
    ).toBe(200);
    expect((await post('/api/public/survey/submit', { code: a, answers: { anmerkungen: secret } })).status).toBe(400);
    expect(
      (await post('/api/public/survey/submit', { code: a, answers: { sicher_nachts: 'sehr_unsicher', anmerkungen: secret } })).status,
    ).toBe(200);
    expect((await post('/api/public/survey/open', { code: a })).status).toBe(422);
    expect((await post('/api/public/survey/open', { code: 'ABCD-EFGH-JKLM' })).status).toBe(404);
    expect((await post('/api/public/survey/draft', { code: b, answers: { haushalt: 'viele' } }, 'PUT')).status).toBe(400);
    expect((await post('/api/public/survey/open', { code: c })).status).toBe(200);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    // Everything the server wrote, except the line this test's helper printed (URL and codes).
    const log = `${out}\n${err}`
      .split('\n')
      .filter((l) => !l.startsWith('{"url"'))
      .join('\n');
    // The log is really written: one completed request per call, with path and status.
    const lines = log
      .split('\n')
      .filter((l) => l.startsWith('{"level"'))
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.filter((l) => l.msg === 'request completed').map((l) => l.res.statusCode)).toEqual([
      200, 200, 400, 200, 422, 404, 400, 200,
    ]);
    expect(lines.filter((l) => l.msg === 'incoming request').map((l) => l.req.path)).toEqual([
      '/api/public/survey/open',
      '/api/public/survey/draft',
      '/api/public/survey/submit',
      '/api/public/survey/submit',
      '/api/public/survey/open',
      '/api/public/survey/open',
      '/api/public/survey/draft',
      '/api/public/survey/open',
    ]);
    expect(log).toMatch(/\/api\/public\/survey\/submit/);
    for (const code of info.codes) {
      expect(log).not.toContain(code);
      expect(log).not.toContain(normalizeSurveyCode(code));
    }
    expect(log).not.toContain('ABCD-EFGH-JKLM');
    expect(log).not.toContain('Beispielmann');
    expect(log).not.toContain('sehr_unsicher');
    const requestLines = log.split('\n').filter((l) => l.includes('"reqId"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(16);
    for (const l of requestLines) expect(l).not.toMatch(/127\.0\.0\.1|remoteAddress|"ip"|LogProbe|user-agent|"url"/);
  }, 60_000);
});
