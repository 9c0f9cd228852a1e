import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '../../shared/common.schema.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';

export type Lang = 'de' | 'en';
type Text = { de: string; en: string };

/** Problem kinds with their status and titles in both languages. */
const KINDS = {
  validation: { status: 400, title: { de: 'Die Eingabe ist ungültig.', en: 'The input is invalid.' } },
  'malformed-json': { status: 400, title: { de: 'Der Inhalt ist kein gültiges JSON.', en: 'The body is not valid JSON.' } },
  'unsupported-media-type': { status: 415, title: { de: 'Dieses Format wird nicht angenommen.', en: 'This media type is not accepted.' } },
  'import-url-refused': {
    status: 400,
    title: { de: 'Von dieser Adresse kann nicht importiert werden.', en: 'Cannot import from this address.' },
  },
  'payload-too-large': { status: 413, title: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' } },
  unauthenticated: { status: 401, title: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' } },
  'invalid-credentials': {
    status: 401,
    title: { de: 'E-Mail-Adresse oder Passwort ist falsch.', en: 'Email address or password is wrong.' },
  },
  'forbidden-role': { status: 403, title: { de: 'Ihre Rolle erlaubt diese Aktion nicht.', en: 'Your role does not allow this action.' } },
  'forbidden-scope': {
    status: 403,
    title: { de: 'Dieser Datensatz liegt außerhalb Ihres Zuständigkeitsbereichs.', en: 'This record is outside your scope.' },
  },
  csrf: { status: 403, title: { de: 'Sicherheitstoken (CSRF) fehlt oder ist ungültig.', en: 'Security token (CSRF) missing or invalid.' } },
  'not-found': { status: 404, title: { de: 'Nicht gefunden.', en: 'Not found.' } },
  'method-not-allowed': { status: 405, title: { de: 'Methode nicht erlaubt.', en: 'Method not allowed.' } },
  conflict: { status: 409, title: { de: 'Der Datensatz wurde inzwischen geändert.', en: 'The record was changed in the meantime.' } },
  duplicate: { status: 409, title: { de: 'Dieser Eintrag existiert bereits.', en: 'This entry already exists.' } },
  'rule-violation': {
    status: 422,
    title: { de: 'Die Aktion verstößt gegen eine fachliche Regel.', en: 'The action breaks a business rule.' },
  },
  'too-many-requests': {
    status: 429,
    title: { de: 'Zu viele Anfragen. Bitte warten Sie kurz.', en: 'Too many requests. Please wait a moment.' },
  },
  locked: {
    status: 429,
    title: {
      de: 'Zu viele Fehlversuche. Die Anmeldung ist vorübergehend gesperrt.',
      en: 'Too many failed attempts. Sign-in is temporarily locked.',
    },
  },
  internal: { status: 500, title: { de: 'Ein interner Fehler ist aufgetreten.', en: 'An internal error occurred.' } },
  unavailable: {
    status: 503,
    title: {
      de: 'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
      en: 'The service is temporarily unavailable. Please try again shortly.',
    },
  },
} as const satisfies Record<string, { status: number; title: Text }>;

export type ProblemKind = keyof typeof KINDS;

export interface FieldError {
  field: string;
  code: string;
  message: Text;
}

/** An error that becomes a problem+json response. Services throw these for business failures. */
export class AppError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: Text,
    readonly fieldErrors?: FieldError[],
    readonly current?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(detail?.en ?? KINDS[kind].title.en);
  }
  get status(): number {
    return KINDS[this.kind].status;
  }
}

/** Seconds a client should wait before it repeats a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503 with Retry-After: the database is unreachable, restarting, out of connections or too slow
 * (statement timeout). A transaction that failed so was rolled back as a whole.
 */
export const unavailable = () =>
  new AppError(
    'unavailable',
    {
      de: 'Die Datenbank antwortet gerade nicht oder ist ausgelastet. Bitte wiederholen Sie die Anfrage in einigen Sekunden.',
      en: 'The database is not answering or is overloaded right now. Please repeat the request in a few seconds.',
    },
    undefined,
    undefined,
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );

export const notFound = (what: Text) => new AppError('not-found', what);
export const conflict = (current: unknown) =>
  new AppError(
    'conflict',
    { de: 'Laden Sie den aktuellen Stand und wiederholen Sie die Änderung.', en: 'Reload the current state and repeat your change.' },
    undefined,
    current,
  );
export const ruleViolation = (detail: Text, field?: string) =>
  new AppError('rule-violation', detail, field ? [{ field, code: 'rule', message: detail }] : undefined);
export const fieldError = (field: string, message: Text, code = 'invalid') =>
  new AppError('validation', message, [{ field, code, message }]);

/** Picks German or English from Accept-Language; German is the default. */
export function languageOf(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'de';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'de';
}

/** Renders a problem+json body in the request's language. */
export function problemBody(req: FastifyRequest, err: AppError): Problem {
  const lang = languageOf(req);
  const body: Problem = {
    type: `https://praevis.de/problems/${err.kind}`,
    title: KINDS[err.kind].title[lang],
    status: err.status,
    instance: req.url.split('?')[0],
    requestId: String(req.id),
  };
  if (err.detail) body.detail = err.detail[lang];
  if (err.fieldErrors?.length) body.errors = err.fieldErrors.map((f) => ({ field: f.field, code: f.code, message: f.message[lang] }));
  if (err.current !== undefined) body.current = err.current;
  return body;
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  if (err.headers) reply.headers(err.headers);
  return reply.code(err.status).type('application/problem+json; charset=utf-8').send(problemBody(req, err));
}

/** German and English text for a Zod issue, good enough to show beside a form field. */
function issueText(issue: {
  code?: string;
  message?: string;
  expected?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  values?: unknown[];
}): Text {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message?.includes('received undefined')
        ? { de: 'Pflichtfeld fehlt.', en: 'Required field is missing.' }
        : { de: `Falscher Typ, erwartet: ${issue.expected}.`, en: `Wrong type, expected: ${issue.expected}.` };
    case 'too_small':
      return issue.origin === 'string'
        ? { de: `Mindestens ${issue.minimum} Zeichen.`, en: `At least ${issue.minimum} characters.` }
        : { de: `Mindestens ${issue.minimum}.`, en: `At least ${issue.minimum}.` };
    case 'too_big':
      return issue.origin === 'string'
        ? { de: `Höchstens ${issue.maximum} Zeichen.`, en: `At most ${issue.maximum} characters.` }
        : { de: `Höchstens ${issue.maximum}.`, en: `At most ${issue.maximum}.` };
    case 'invalid_format':
      return { de: `Ungültiges Format (${issue.format}).`, en: `Invalid format (${issue.format}).` };
    case 'invalid_value':
      return { de: `Erlaubt sind: ${(issue.values ?? []).join(', ')}.`, en: `Allowed values: ${(issue.values ?? []).join(', ')}.` };
    case 'unrecognized_keys':
      return { de: 'Unbekanntes Feld.', en: 'Unknown field.' };
    default:
      return { de: issue.message ?? 'Ungültiger Wert.', en: issue.message ?? 'Invalid value.' };
  }
}

/** Turns Fastify's and the Zod provider's errors into AppErrors. Unknown errors become 500. */
export function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fields: FieldError[] = error.validation.map((v) => {
      const issue = (v.params as { issue?: any }).issue ?? {};
      const path =
        Array.isArray(issue.path) && issue.path.length ? issue.path.join('.') : v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return {
        field: path ? `${where}.${path}` : where,
        code: String(issue.code ?? 'invalid'),
        message: issueText({ ...issue, message: v.message }),
      };
    });
    return new AppError('validation', undefined, fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed-json', undefined, [
        { field: 'body', code: 'malformed_json', message: { de: 'Kein gültiges JSON.', en: 'Not valid JSON.' } },
      ]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload-too-large', undefined, [
        {
          field: 'body',
          code: 'too_big',
          message: { de: 'Die Anfrage überschreitet die Größengrenze.', en: 'The request exceeds the size limit.' },
        },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported-media-type');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('validation', undefined, [
        {
          field: 'params',
          code: 'invalid',
          message: { de: 'Ungültiger oder zu langer Pfadparameter.', en: 'Invalid or too long path parameter.' },
        },
      ]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation', undefined, [
        { field: 'body', code: 'invalid_length', message: { de: 'Ungültige Länge.', en: 'Invalid length.' } },
      ]);
  }
  if (isDatabaseUnavailable(error)) return unavailable();
  if (error.statusCode === 429) return new AppError('too-many-requests');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation', { de: 'Die Anfrage ist ungültig.', en: error.message });
  }
  return new AppError('internal');
}

/** Fastify's own answers before routing (a malformed or too long path parameter) as problem+json. */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(req, reply, toAppError(error));
}

/** Installs the problem+json error and not-found handlers. Every 5xx is logged with its request id. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const appError = toAppError(error);
    if (appError.kind === 'unavailable') {
      // An outage answers every request with 503; one line each, without a stack.
      req.log.warn({ reqId: req.id, code: (error as { code?: string }).code, reason: error.message }, 'database unavailable');
    } else if (appError.status >= 500 || isResponseSerializationError(error)) {
      req.log.error({ err: error, reqId: req.id }, 'request failed');
    }
    return sendProblem(req, reply, appError);
  });
  const allowedMethods = installRouteMethods(app);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = allowedMethods(path);
    if (allowed.length && !allowed.includes(req.method)) {
      const allow = allowed.join(', ');
      return sendProblem(
        req,
        reply,
        new AppError(
          'method-not-allowed',
          { de: `${path} erlaubt nur: ${allow}.`, en: `${path} allows only: ${allow}.` },
          undefined,
          undefined,
          { allow },
        ),
      );
    }
    return sendProblem(req, reply, new AppError('not-found', { de: `Keine Ressource unter ${path}.`, en: `No resource at ${path}.` }));
  });
}

/**
 * Records the methods of every API route, so that a known path asked with another method is
 * answered 405 with Allow instead of 404; returns the lookup of a request path's methods.
 */
function installRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    let entry = routes.get(route.url);
    if (!entry) {
      // Fastify's path syntax as used here: `:name` is one segment, `*` the rest.
      const source = route.url
        .split(/(:[A-Za-z0-9_]+|\*)/)
        .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      entry = { pattern: new RegExp(`^${source}$`), methods: new Set() };
      routes.set(route.url, entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method);
  });
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: of } of routes.values()) if (pattern.test(path)) of.forEach((m) => methods.add(m));
    return [...methods].sort();
  };
}

/** Deepest nesting a JSON body may have; no request body nests beyond a few levels. */
export const MAX_JSON_DEPTH = 64;

type BodyFinding = { code: 'nul' | 'depth'; field: string } | null;

/** A container met while walking a body; the path of a finding is built from these only when needed. */
interface BodyFrame {
  value: object;
  depth: number;
  parent: BodyFrame | null;
  key: string;
}

function fieldOf(frame: BodyFrame | null, key?: string): string {
  const keys = key === undefined ? [] : [key];
  for (let f = frame; f?.parent; f = f.parent) keys.push(f.key);
  return ['body', ...keys.reverse()].join('.');
}

/**
 * Walks a parsed JSON body without recursion (a deeply nested body must not overflow the stack)
 * and reports a NUL character in a string, or a container nested deeper than MAX_JSON_DEPTH.
 * Only plain objects and arrays are entered; paths are built only for a finding, so a wide body
 * of 1 MB costs little.
 */
function inspectBody(body: unknown): BodyFinding {
  if (typeof body === 'string') return body.includes('\u0000') ? { code: 'nul', field: 'body' } : null;
  if (!isContainer(body)) return null;
  const stack: BodyFrame[] = [{ value: body, depth: 0, parent: null, key: '' }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const value = frame.value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const hit = visitChild(stack, frame, value[i], i);
        if (hit) return hit;
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const hit = visitChild(stack, frame, record[key], key);
        if (hit) return hit;
      }
    }
  }
  return null;
}

function visitChild(stack: BodyFrame[], frame: BodyFrame, child: unknown, key: string | number): BodyFinding {
  if (typeof child === 'string') return child.includes('\u0000') ? { code: 'nul', field: fieldOf(frame, String(key)) } : null;
  if (!isContainer(child)) return null;
  if (frame.depth + 1 >= MAX_JSON_DEPTH) return { code: 'depth', field: fieldOf(frame, String(key)) };
  stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: String(key) });
  return null;
}

function isContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Refuses NUL characters in paths, query strings and JSON bodies with 400: no text field needs
 * them, and PostgreSQL cannot store them, so they would otherwise surface as a 500. Refuses JSON
 * bodies nested deeper than MAX_JSON_DEPTH with 400 before anything walks them recursively (the
 * size is bounded by the body limit before parsing).
 */
export function installInputGuards(app: FastifyInstance): void {
  const nulError = (field: string) =>
    new AppError('validation', undefined, [
      { field, code: 'invalid_character', message: { de: 'Unzulässiges Steuerzeichen (NUL).', en: 'Invalid control character (NUL).' } },
    ]);
  app.addHook('onRequest', async (req, reply) => {
    if (/%00|\u0000/.test(req.url))
      return sendProblem(
        req,
        reply,
        nulError(req.url.indexOf('?') >= 0 && req.url.indexOf('?') < req.url.search(/%00|\u0000/) ? 'query' : 'params'),
      );
  });
  app.addHook('preValidation', async (req, reply) => {
    const hit = inspectBody(req.body);
    if (hit?.code === 'nul') return sendProblem(req, reply, nulError(hit.field));
    if (hit?.code === 'depth')
      return sendProblem(
        req,
        reply,
        new AppError('validation', undefined, [
          {
            field: 'body',
            code: 'too_deep',
            message: {
              de: `Der JSON-Inhalt ist tiefer als ${MAX_JSON_DEPTH} Ebenen verschachtelt.`,
              en: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
            },
          },
        ]),
      );
  });
}
