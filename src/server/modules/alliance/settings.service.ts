import type { AllianceSettings, UpdateAllianceSettingsInput } from '../../../shared/alliance.schema.ts';
import { DEFAULT_PROGRAMME_START } from '../../../shared/alliance.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './alliance.repository.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';

/* The alliance settings: the public page switch, the programme's name and start, the council's name. */

const SETTINGS_KEY = 'alliance';
const DEFAULT_SETTINGS = {
  publicPage: false,
  programmeName: 'Allianz Sichere Sächsische Kommunen',
  programmeStart: DEFAULT_PROGRAMME_START,
  councilName: 'Landespräventionsrat Sachsen',
};

/** The alliance settings (public page switch, programme name and start, council name). */
export async function getSettings(db: DbOrTrx): Promise<AllianceSettings> {
  const row = await repo.readSetting(db, SETTINGS_KEY);
  let stored: Partial<typeof DEFAULT_SETTINGS> = {};
  try {
    stored = row ? (JSON.parse(row.value_json) as Partial<typeof DEFAULT_SETTINGS>) : {};
  } catch {
    stored = {};
  }
  return { ...DEFAULT_SETTINGS, ...stored, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null };
}

/** Changes the alliance settings; a stale version gets 409 with the current settings. */
export async function updateSettings(db: DbOrTrx, actor: Actor, input: UpdateAllianceSettingsInput): Promise<AllianceSettings> {
  const before = await getSettings(db);
  if (before.version !== input.version) throw conflict(before);
  if (input.programmeStart && input.programmeStart > todayBerlin()) {
    throw fieldError(
      'programmeStart',
      { de: 'Der Programmstart darf nicht in der Zukunft liegen.', en: 'The programme start must not lie in the future.' },
      'date_in_future',
    );
  }
  const value = {
    publicPage: input.publicPage ?? before.publicPage,
    programmeName: input.programmeName ?? before.programmeName,
    programmeStart: input.programmeStart ?? before.programmeStart,
    councilName: input.councilName ?? before.councilName,
  };
  const ok = await repo.writeSettingVersioned(db, SETTINGS_KEY, input.version, JSON.stringify(value), nowIso());
  if (!ok) throw conflict(await getSettings(db));
  const after = await getSettings(db);
  await recordAudit(db, actor, { action: 'update', entityType: 'setting', entityId: SETTINGS_KEY, before, after });
  return after;
}

/** Throws 404 unless an admin enabled the public page. */
export async function assertPublicPageEnabled(db: DbOrTrx): Promise<AllianceSettings> {
  const s = await getSettings(db);
  if (!s.publicPage) throw notFound({ de: 'Die öffentliche Seite ist nicht freigeschaltet.', en: 'The public page is not enabled.' });
  return s;
}
