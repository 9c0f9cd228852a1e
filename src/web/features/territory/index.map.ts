/*
 * A part of the public entry (index.ts) for pages that draw the municipality map, the public page
 * among them: the map's payload, the map and its attribution. Narrower than index.ts, so an entry
 * that shows the map (public-page.html) does not load the directory's pickers and tables with it
 * (decision 040). index.ts exports the same.
 */
export { useMapPayload } from './api.ts';
export { AttributionNote } from './components/attribution-note.tsx';
export { MunicipalityMap } from './components/municipality-map.tsx';
