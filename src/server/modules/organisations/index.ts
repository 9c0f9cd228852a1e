/* What the modules of the councils (councils, coaching, training) use of organisations and people: the person and organisation records (the municipal scope is `auth/access.ts`). */
export { createOrganisation, createPerson, personName, requireOrganisation, requirePerson } from './organisations.service.ts';
