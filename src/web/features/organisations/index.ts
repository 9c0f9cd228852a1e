/* What other features use of the organisations: the people and organisations of a municipality (council
 * members, course enrolments), the organisation picker and the names of the user's communes. */
export { useCommuneNames, useOrganisations, usePeople } from './api.ts';
export { OrganisationPicker } from './components/organisation-picker.tsx';
