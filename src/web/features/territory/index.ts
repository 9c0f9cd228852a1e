/* What other features use of the territory: the directory's hooks and labels, the municipality picker, the map and its attribution, the import errors table. */
export { municipalityLabel, type Page, useDirectorates, useDistricts, useMapPayload, useMunicipalities } from './api.ts';
export { AttributionNote } from './components/attribution-note.tsx';
export { ImportErrors, type LineError, lineErrorOf } from './components/import-errors.tsx';
export { MunicipalityMap } from './components/municipality-map.tsx';
export { MunicipalityPicker } from './components/municipality-picker.tsx';
