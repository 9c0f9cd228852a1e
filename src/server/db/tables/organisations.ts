import type { Generated } from 'kysely';

/*
 * Row types of the organisations and people tables (migration 2026_11_26_1900_create_councils).
 * Timestamps ISO UTC.
 */

export interface OrganisationsTable {
  id: Generated<number>;
  ags: string | null;
  name: string;
  type: string;
  street: string;
  postcode: string;
  city: string;
  notes: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A person (personal data). After erasure every personal column is empty and `erased_at` set. */
export interface PeopleTable {
  id: Generated<number>;
  ags: string | null;
  organisation_id: number | null;
  first_name: string;
  last_name: string;
  function: string;
  email: string | null;
  phone: string | null;
  legal_basis: string;
  purpose: string;
  consent_given_on: string | null;
  notes: string;
  erased_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Every table of the organisations module, by name. */
export interface OrganisationTables {
  organisations: OrganisationsTable;
  people: PeopleTable;
}
