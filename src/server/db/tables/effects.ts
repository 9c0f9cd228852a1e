import type { Generated } from 'kysely';

/*
 * Row types of the effects tables (migration 2026_12_08_1000_create_effect_comparisons).
 */

/** The comparison group the LPR chose for one intervention and field of action (decision 030). */
export interface EffectComparisonsTable {
  id: Generated<number>;
  intervention_kind: string;
  intervention_id: number;
  field_code: string;
  /** JSON array of the comparison units' AGS */
  units_json: string;
  reason: string;
  chosen_by: number | null;
  chosen_by_label: string;
  chosen_at: string;
  version: Generated<number>;
}

/** Every table of the effects module, by name. */
export interface EffectTables {
  effect_comparisons: EffectComparisonsTable;
}
