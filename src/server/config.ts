import { z } from 'zod';

/** Environment variables Praevis reads; the README's configuration table mirrors this list. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('./data/praevis.db'),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  PG_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  COOKIE_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1_048_576),
  /** Hosts, addresses or CIDR ranges (comma-separated) that URL imports may fetch although they are not public. */
  IMPORT_URL_ALLOW: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('false'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_ROLE_CLAIM: z.string().default('realm_access.roles'),
  OIDC_ROLE_MAP: z
    .string()
    .default(
      '{"praevis-admin":"admin","praevis-lpr":"lpr","praevis-coordinator":"coordinator","praevis-police":"police","praevis-ministry":"ministry"}',
    ),
  OIDC_COMMUNES_CLAIM: z.string().default('praevis_communes'),
  OIDC_DIRECTORATE_CLAIM: z.string().default('praevis_directorate'),
  OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
  /** The SMTP server mail is sent through, e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465; none: messages are kept, not sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Praevis <praevis@localhost>'),
  WEB_DIST: z.string().default('dist/web'),
  /** State (2-digit AGS prefix) the territorial imports limit themselves to; `all` imports every state. */
  DEFAULT_STATE: z
    .string()
    .regex(/^(\d{2}|all)$/, 'two digits (e.g. 14) or all')
    .default('14'),
});

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  roleClaim: string;
  roleMap: Record<string, string>;
  communesClaim: string;
  directorateClaim: string;
  allowHttp: boolean;
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  /** The PostgreSQL pool: connections, the wait for one, and the statement timeout (all → 503 when exceeded). */
  postgres: { poolMax: number; connectionTimeoutMs: number; statementTimeoutMs: number };
  publicUrl: string | undefined;
  cookieSecure: boolean;
  /** Signs short-lived cookies (the SSO round trip); without it each process draws a random one. */
  cookieSecret: string | undefined;
  sessionTtlMs: number;
  bodyLimit: number;
  uploadLimit: number;
  /** Hosts, addresses and CIDR ranges URL imports may fetch although they are not public. */
  importUrlAllow: string[];
  rateLimitPerMinute: number;
  logLevel: string;
  trustProxy: boolean | string;
  oidc: OidcConfig | undefined;
  webDist: string;
  /** Outgoing mail: the SMTP server (none: messages are kept in the outbox, not sent) and the sender. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Default state for territorial imports: a 2-digit AGS prefix, or null for all states. */
  defaultState: string | null;
}

type PostgresEnv = Pick<z.infer<typeof envSchema>, 'PG_POOL_MAX' | 'PG_CONNECTION_TIMEOUT_MS' | 'PG_STATEMENT_TIMEOUT_MS'>;
const postgresSettingsOf = (e: PostgresEnv): AppConfig['postgres'] => ({
  poolMax: e.PG_POOL_MAX,
  connectionTimeoutMs: e.PG_CONNECTION_TIMEOUT_MS,
  statementTimeoutMs: e.PG_STATEMENT_TIMEOUT_MS,
});

/** The PostgreSQL pool settings of the environment: every command opens its database with them. */
export function postgresSettings(env: NodeJS.ProcessEnv = process.env): AppConfig['postgres'] {
  const parsed = envSchema.pick({ PG_POOL_MAX: true, PG_CONNECTION_TIMEOUT_MS: true, PG_STATEMENT_TIMEOUT_MS: true }).safeParse(env);
  if (!parsed.success)
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return postgresSettingsOf(parsed.data);
}

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let oidc: OidcConfig | undefined;
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID) {
    let roleMap: Record<string, string>;
    try {
      roleMap = z.record(z.string(), z.string()).parse(JSON.parse(e.OIDC_ROLE_MAP));
    } catch {
      throw new Error('Invalid configuration:\n  OIDC_ROLE_MAP: expected a JSON object of claim value → role');
    }
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      scopes: e.OIDC_SCOPES,
      roleClaim: e.OIDC_ROLE_CLAIM,
      roleMap,
      communesClaim: e.OIDC_COMMUNES_CLAIM,
      directorateClaim: e.OIDC_DIRECTORATE_CLAIM,
      allowHttp: e.OIDC_ALLOW_HTTP === 'true',
    };
  }
  const trust = e.TRUST_PROXY;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    postgres: postgresSettingsOf(e),
    publicUrl: e.PUBLIC_URL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    cookieSecret: e.COOKIE_SECRET,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    importUrlAllow: e.IMPORT_URL_ALLOW.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    trustProxy: trust === 'true' ? true : trust === 'false' ? false : trust,
    oidc,
    webDist: e.WEB_DIST,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    defaultState: e.DEFAULT_STATE === 'all' ? null : e.DEFAULT_STATE,
  };
}
