import type { Migration } from 'kysely';
import * as m1300 from './2026_11_26_1300_create_foundation.ts';
import * as m1310 from './2026_11_26_1310_create_territory.ts';

/** Every migration, by name; names sort in the order they run. Never edit one that has landed. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_1300_create_foundation': m1300,
  '2026_11_26_1310_create_territory': m1310,
};
