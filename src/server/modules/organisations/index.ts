/* What the modules of the councils (councils, coaching, training) use of organisations and people: the municipal scope and the person and organisation records. */
export { assertInScope, inScope, type MunicipalScope, municipalScope, outOfScope } from './organisations.policy.ts';
export { createOrganisation, createPerson, personName, requireOrganisation, requirePerson } from './organisations.service.ts';
