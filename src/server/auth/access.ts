import { type SelectQueryBuilder, sql } from 'kysely';
import { allows, type PolicyArea, type PolicyName, policies, policyRoles, STATEWIDE_ROLES } from '../../shared/policies.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/problem.ts';
import type { AccessRule } from '../http/types.ts';
import type { Principal } from './principal.ts';

/*
 * Who may do what, on which rows: the one place. A rule of `shared/policies.ts` admits roles; the
 * municipal scope says which municipalities' rows a principal reaches:
 * - admin, LPR staff and the ministry: every municipality (the ministry reaches only the routes
 *   and views its rules admit: figures, counts, closed survey results);
 * - a coordinator: its communes;
 * - police: the municipalities of their directorate's districts.
 * Records without a municipality (state-wide ones) lie in the statewide scope only.
 */

/** The municipalities a principal reaches: all, or exactly these AGS. */
export type MunicipalScope = { readonly all: true } | { readonly all: false; readonly ags: ReadonlySet<string> };

const ALL: MunicipalScope = { all: true };

/** Whether the principal's scope is every municipality (no query needed to know it). */
export function isStatewide(principal: Principal): boolean {
  return STATEWIDE_ROLES.includes(principal.role);
}

async function resolveScope(db: DbOrTrx, principal: Principal): Promise<MunicipalScope> {
  if (isStatewide(principal)) return ALL;
  if (principal.role === 'coordinator') return { all: false, ags: new Set(principal.communes) };
  if (principal.role === 'police' && principal.directorateId !== null) {
    const rows = await db
      .selectFrom('municipalities')
      .select('ags')
      .where('district_ags', 'in', (eb) =>
        eb.selectFrom('directorate_districts').select('district_ags').where('directorate_id', '=', principal.directorateId!),
      )
      .execute();
    return { all: false, ags: new Set(rows.map((r) => r.ags)) };
  }
  return { all: false, ags: new Set() };
}

// The principal is built once per request, so this memo holds one scope per request.
const scopes = new WeakMap<Principal, Promise<MunicipalScope>>();

/** The principal's municipal scope, resolved once per request (police: one query). */
export function scopeOf(db: DbOrTrx, principal: Principal): Promise<MunicipalScope> {
  let scope = scopes.get(principal);
  if (!scope) {
    scope = resolveScope(db, principal);
    scopes.set(principal, scope);
    scope.catch(() => scopes.delete(principal));
  }
  return scope;
}

/** Whether a record of the municipality (null: state-wide) lies in the scope. */
export function inScope(scope: MunicipalScope, ags: string | null): boolean {
  return scope.all || (ags !== null && scope.ags.has(ags));
}

/**
 * Which municipalities of a record must lie in the scope: one (or null for a state-wide record);
 * `{ any }` for a record of several municipalities that is visible when one of them is;
 * `{ every }` for one that may be changed only when all of them are (and there is at least one).
 */
export type Target = string | null | { any: readonly string[] } | { every: readonly string[] };

function covers(scope: MunicipalScope, target: Target): boolean {
  if (target === null || typeof target === 'string') return inScope(scope, target);
  if (scope.all) return true;
  if ('any' in target) return target.any.some((a) => scope.ags.has(a));
  return target.every.length > 0 && target.every.every((a) => scope.ags.has(a));
}

/** Whether the rule admits the principal's role and (given a target) the target lies in its scope. */
export async function can(db: DbOrTrx, principal: Principal | null, policy: PolicyName, target?: Target): Promise<boolean> {
  if (!principal || !allows(policy, principal.role)) return false;
  return target === undefined || covers(await scopeOf(db, principal), target);
}

/** `can` with the principal's scope already at hand (from `scopeOf`), for checks inside loops and filters. */
export function canWithin(scope: MunicipalScope, principal: Principal, policy: PolicyName, target?: Target): boolean {
  return allows(policy, principal.role) && (target === undefined || covers(scope, target));
}

/** The problem for a record outside the principal's reach: 403 forbidden-scope. */
export const forbiddenScope = () => new AppError('forbidden-scope');

/** Throws 403 (forbidden-scope) unless `can` holds. */
export async function requireAccess(db: DbOrTrx, principal: Principal, policy: PolicyName, target?: Target): Promise<void> {
  if (!(await can(db, principal, policy, target))) throw forbiddenScope();
}

/**
 * Restricts a query to the rows of the principal's scope, by a column holding the municipality's
 * AGS (rows whose column is null remain for the statewide scope only). With `district`, a column
 * holding the municipality's district AGS, police are matched by district directly.
 */
export function whereInScope<QB extends SelectQueryBuilder<Database, any, any>>(
  qb: QB,
  principal: Principal,
  ags: string,
  opts: { district?: string } = {},
): QB {
  if (isStatewide(principal)) return qb;
  if (principal.role === 'coordinator') {
    return (principal.communes.length ? qb.where(sql.ref(ags), 'in', principal.communes) : qb.where(sql<boolean>`1 = 0`)) as QB;
  }
  if (principal.role === 'police') {
    const districts = sql`(select district_ags from directorate_districts where directorate_id = ${principal.directorateId ?? -1})`;
    return (
      opts.district
        ? qb.where(sql.ref(opts.district), 'in', districts)
        : qb.where(sql.ref(ags), 'in', sql`(select ags from municipalities where district_ags in ${districts})`)
    ) as QB;
  }
  return qb.where(sql<boolean>`1 = 0`) as QB;
}

/**
 * Everything `whereInScope` reads of a principal, as one string: two principals with the same key
 * see the same rows, so a cached answer may be shared between them and no one else.
 */
export function municipalityScopeKey(principal: Principal): string {
  if (principal.role === 'coordinator') return `coordinator:${[...principal.communes].sort().join(',')}`;
  if (principal.role === 'police') return `police:${principal.directorateId ?? -1}`;
  return 'all';
}

/** The route declarations of one area of `shared/policies.ts`: `{ action: { policy, allow } }`. */
export function routeRules<A extends PolicyArea>(
  area: A,
  extra: Omit<AccessRule, 'allow' | 'policy'> = {},
): { readonly [K in keyof (typeof policies)[A]]: AccessRule } {
  return Object.fromEntries(
    Object.keys(policies[area]).map((action) => {
      const policy = `${area}.${action}` as PolicyName;
      return [action, { policy, allow: policyRoles(policy), ...extra }];
    }),
  ) as { readonly [K in keyof (typeof policies)[A]]: AccessRule };
}
