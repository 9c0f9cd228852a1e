/* What other modules use of the crime statistics: the district and municipality figures with their charts (area profile, report PDF), and the demo figures. */
export { buildChart, renderChartSvg } from './crime-stats.charts.ts';
export { addDemoCrimeFigures } from './crime-stats.demo.ts';
export { getDistrictDetail, getMunicipalityDetail, listImportRuns } from './crime-stats.service.ts';
