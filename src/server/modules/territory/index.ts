/* What other modules use of the territory: look-ups in the municipality directory and the police directorates, the municipalities' named areas, and the import issues. */
export { ImportFileError, type ImportIssue, importProblem, issueField, IssueList } from './import-issues.ts';
export {
  findDirectorateById,
  findDirectorateByName,
  findMissingMunicipalities,
  listDistrictsOfDirectorate,
  listNamedAreas,
  municipalityExists,
  type NamedArea,
  replaceNamedAreas,
} from './territory.service.ts';
