/*
 * Public survey submissions on loopback: POST /api/public/survey/submit with a fresh one-time code
 * each (validated against the questionnaire, code marked used, response encoded and stored under a
 * random UUID, draft deleted – one transaction), 16 connections for 5 s, beside the foundation's
 * baseline GET /api/health/live on the same server in the same run. The server runs in its own
 * process (bench/_survey-server.ts) with 60,000 codes; the codes are fetched through the staff
 * mail-merge CSV. Target: at least 500 responses/s. Afterwards the survey's response count must
 * equal the number of successful submissions.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Dialect } from '../src/server/db/database.ts';
import { DIALECTS } from '../src/server/test/databases.ts';
import { load, printLoad, refuseUnlessAnswered, startBenchServer, type LoadResult } from './_support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

// A few plausible complete questionnaires; each submission takes one of them.
const ANSWER_SETS = [
  {
    sicher_nachts: 'ziemlich_sicher',
    opfer_gedanke: 'selten',
    meiden: { orte: 'nein', begleitung: 'nein', verteidigung: 'nein' },
    inzivilitaet: { graffiti: 'gering', muell: 'ziemlich', parken: 'gross' },
    opfer: ['nichts'],
    vertrauen: { polizei: 't4', verwaltung: 't3' },
    altersgruppe: 'a45_54',
    geschlecht: 'm',
    haushalt: 2,
  },
  {
    sicher_nachts: 'sehr_unsicher',
    opfer_gedanke: 'oft',
    meiden: { orte: 'ja', begleitung: 'ja', verteidigung: 'nein' },
    inzivilitaet: { jugendliche: 'gross', drogen: 'ziemlich', vandalismus: 'ziemlich' },
    opfer: ['diebstahl', 'bedrohung'],
    opfer_anzahl: 3,
    vertrauen: { polizei: 't2', verwaltung: 't2' },
    anmerkungen: 'Mehr Beleuchtung und Streifen am Bahnhof.',
    altersgruppe: 'a75',
    geschlecht: 'w',
    haushalt: 1,
  },
  {
    sicher_nachts: 'sehr_sicher',
    opfer_gedanke: 'nie',
    inzivilitaet: { graffiti: 'kein', muell: 'kein' },
    vertrauen: { polizei: 't5' },
    altersgruppe: 'a25_34',
    geschlecht: 'd',
  },
];

async function measure(dialect: Dialect): Promise<{ baseline: LoadResult; submit: LoadResult; stored: number; ok: number }> {
  const server = await startBenchServer(path.join(here, '_survey-server.ts'), [dialect]);
  const { surveyId } = server as unknown as { surveyId: number };
  try {
    const headers = { cookie: server.cookie };
    const codes: string[] = [];
    for (let b = 1; b <= 3; b += 1) {
      const csv = await (await fetch(`${server.url}/api/surveys/${surveyId}/codes/batches/${b}/codes.csv`, { headers })).text();
      for (const line of csv.trim().split('\r\n').slice(1)) codes.push(line.split(',')[4]!);
    }
    if (codes.length !== 60_000) throw new Error(`expected 60,000 codes, got ${codes.length}`);
    let next = 0;
    const body = () => JSON.stringify({ code: codes[next++]!, answers: ANSWER_SETS[next % ANSWER_SETS.length] });
    // Check one submission by hand before loading.
    const check = await fetch(`${server.url}/api/public/survey/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
    });
    if (check.status !== 200) throw new Error(`submit answered ${check.status}: ${await check.text()}`);
    const baseline = await load(`${dialect}: GET /api/health/live (constant JSON)`, `${server.url}/api/health/live`, {
      connections: 16,
      seconds: 3,
    });
    const r = await autocannon({
      url: server.url,
      connections: 16,
      duration: 5,
      requests: [
        {
          method: 'POST',
          path: '/api/public/survey/submit',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: body() }),
        },
      ],
    });
    refuseUnlessAnswered('POST /api/public/survey/submit', r);
    const submit: LoadResult = {
      label: `${dialect}: POST /api/public/survey/submit (one code each)`,
      requestsPerSec: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors,
      non2xx: r.non2xx,
    };
    const detail = (await (await fetch(`${server.url}/api/surveys/${surveyId}`, { headers })).json()) as {
      responses: { online: number };
      codes: { used: number };
    };
    return { baseline, submit, stored: detail.responses.online, ok: r['2xx'] + 1 };
  } finally {
    await server.stop();
  }
}

export default async function run(): Promise<void> {
  const rows: LoadResult[] = [];
  for (const dialect of DIALECTS) {
    const { baseline, submit, stored, ok } = await measure(dialect);
    rows.push(baseline, submit);
    const rate = submit.requestsPerSec;
    process.stdout.write(
      `${dialect}: ${rate.toFixed(0)} responses/s (target ≥ 500: ${rate >= 500 && submit.non2xx === 0 ? 'met' : 'NOT met'}; ${((rate / baseline.requestsPerSec) * 100).toFixed(0)} % of the baseline's throughput); ` +
        `${stored} responses stored for ${ok} submissions answered 200 (plus at most 16 in flight at the end${stored >= ok && stored <= ok + 16 ? '' : ' – MISMATCH'}); baseline ${baseline.requestsPerSec.toFixed(0)} req/s\n`,
    );
  }
  printLoad(rows);
}
