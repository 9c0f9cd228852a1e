/* What other features use of the crime statistics: the link from a municipality's page to its figures. */
export { MunicipalityCrimeLink } from './components/municipality-crime-link.tsx';
