import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  AgreementFigure,
  AgreementFigureRows,
  AgreementEventsInput,
  AllianceEvent,
  AllianceSettings,
  CancelInput,
  CorrectEventInput,
  CreateAgreementInput,
  FigureCounts,
  Figures,
  MunicipalityDetail,
  MunicipalityFigure,
  MunicipalityStatus,
  MunicipalityStatusRow,
  RecordEventInput,
  Series,
  UpdateAgreementInput,
  UpdateAllianceSettingsInput,
} from '../../../shared/alliance.schema.ts';
import { apiRequest, toQueryString } from '../../lib/api-client.ts';
import type { Page } from '../territory/index.ts';

/** Every alliance query starts with this key, so one write refreshes figures, lists and records. */
const ALLIANCE = ['alliance'] as const;

export type StatusSort = 'name' | 'ags' | 'district' | 'status' | 'rank' | 'firstAgreementSignedOn';

export interface StatusListParams {
  page: number;
  pageSize: number;
  at?: string;
  q?: string;
  district?: string;
  directorateId?: number;
  status?: MunicipalityStatus;
  /** Only the municipalities this figure counts (a figure's drill-down). */
  figure?: MunicipalityFigure;
  detailOnly?: boolean;
  sort: StatusSort;
  order: 'asc' | 'desc';
}

const MAX_PAGE = 500;

/** Every row matching the filters, all pages. */
async function fetchAllStatuses(query: Record<string, string | number | undefined>): Promise<MunicipalityStatusRow[]> {
  const rows: MunicipalityStatusRow[] = [];
  for (let page = 1; ; page++) {
    const p = await apiRequest<Page<MunicipalityStatusRow>>('/api/alliance/municipalities', {
      query: { ...query, page, pageSize: MAX_PAGE },
    });
    rows.push(...p.items);
    if (rows.length >= p.total || p.items.length === 0) return rows;
  }
}

/**
 * Municipalities with their status at a date: filtered, sorted, paged by the server. With
 * `detailOnly` only those whose record the user may open (a coordinator's communes).
 */
export function useStatusList(params: StatusListParams) {
  return useQuery({
    queryKey: [...ALLIANCE, 'statuses', params],
    queryFn: () =>
      apiRequest<Page<MunicipalityStatusRow>>('/api/alliance/municipalities', {
        query: { ...params, detailOnly: params.detailOnly ? 'true' : undefined },
      }),
    placeholderData: keepPreviousData,
  });
}

/** The agreements an agreement figure counts at a date, in an area (the figure's drill-down). */
export function useAgreementFigureRows(params: {
  figure: AgreementFigure;
  at: string;
  district?: string;
  directorateId?: number;
  withoutDocument?: 'true';
}) {
  return useQuery({
    queryKey: [...ALLIANCE, 'figure-agreements', params],
    queryFn: () => apiRequest<AgreementFigureRows>('/api/alliance/figures/agreements', { query: params }),
  });
}

/** Every municipality's status at a date (all pages), for the map and its table. */
export function useAllStatuses(at: string) {
  return useQuery({
    queryKey: [...ALLIANCE, 'statuses', 'all', at],
    queryFn: () => fetchAllStatuses({ at, sort: 'name' }),
    placeholderData: keepPreviousData,
  });
}

/** The network figures at a date: statewide, per district, per police directorate. */
export function useFigures(at: string) {
  return useQuery({
    queryKey: [...ALLIANCE, 'figures', at],
    queryFn: () => apiRequest<Figures>('/api/alliance/figures', { query: { at } }),
    placeholderData: keepPreviousData,
  });
}

/** The monthly series from the programme start up to a date. */
export function useSeries(to: string) {
  return useQuery({
    queryKey: [...ALLIANCE, 'series', to],
    queryFn: () => apiRequest<Series>('/api/alliance/figures/series', { query: { to } }),
    placeholderData: keepPreviousData,
  });
}

export interface FactBox {
  at: string;
  de: string;
  en: string;
  /** The figures the text names (each linked below it). */
  figures: FigureCounts;
}

/** The press release fact box for a date. */
export function useFactBox(at: string) {
  return useQuery({
    queryKey: [...ALLIANCE, 'fact-box', at],
    queryFn: () => apiRequest<FactBox>('/api/alliance/figures/fact-box', { query: { at } }),
    placeholderData: keepPreviousData,
  });
}

export type ExportTable = 'statewide' | 'districts' | 'directorates' | 'series' | 'municipalities';

/** The list's filters and order, which the municipalities table of the export follows. */
export type StatusFilterParams = Omit<StatusListParams, 'page' | 'pageSize' | 'at'>;

/** The download address of a figures table (the browser sends the session cookie). */
export function exportUrl(table: ExportTable, format: 'csv' | 'xlsx', at: string, filter?: StatusFilterParams): string {
  if (table === 'series') return `/api/alliance/export${toQueryString({ table, format, to: at })}`;
  const f = filter ? { ...filter, detailOnly: filter.detailOnly ? 'true' : undefined } : {};
  return `/api/alliance/export${toQueryString({ table, format, at, ...f })}`;
}

/** The download of an agreement figure's drill-down: the same query as its list, as the export's agreements table. */
export function agreementExportUrl(
  format: 'csv' | 'xlsx',
  params: { figure: AgreementFigure; at: string; district?: string; directorateId?: number; withoutDocument?: 'true' },
): string {
  const { figure, ...rest } = params;
  return `/api/alliance/export${toQueryString({ table: 'agreements', format, agreementFigure: figure, ...rest })}`;
}

/** A municipality's full record: state, rank, timeline, agreements. */
export function useMunicipalityDetail(ags: string) {
  return useQuery({
    queryKey: [...ALLIANCE, 'municipality', ags],
    queryFn: () => apiRequest<MunicipalityDetail>(`/api/alliance/municipalities/${ags}`),
  });
}

/** A mutation that refreshes every alliance query afterwards. */
function useAllianceMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ALLIANCE }) });
}

/** Refreshes every alliance query (after a write of another feature that records an alliance event). */
export function useRefreshAlliance(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ALLIANCE });
}

export function useRecordEvent(ags: string) {
  return useAllianceMutation((input: RecordEventInput) =>
    apiRequest<AllianceEvent>(`/api/alliance/municipalities/${ags}/events`, { method: 'POST', body: input }),
  );
}

export function useCorrectEvent() {
  return useAllianceMutation(({ id, ...input }: CorrectEventInput & { id: number }) =>
    apiRequest<AllianceEvent>(`/api/alliance/events/${id}/correct`, { method: 'POST', body: input }),
  );
}

export function useCancelEvent() {
  return useAllianceMutation(({ id, ...input }: CancelInput & { id: number }) =>
    apiRequest<AllianceEvent>(`/api/alliance/events/${id}/cancel`, { method: 'POST', body: input }),
  );
}

export function useCreateAgreement() {
  return useAllianceMutation((input: CreateAgreementInput) =>
    apiRequest<Agreement>('/api/alliance/agreements', { method: 'POST', body: input }),
  );
}

export function useAgreementEvents() {
  return useAllianceMutation(({ id, ...input }: AgreementEventsInput & { id: number }) =>
    apiRequest<Agreement>(`/api/alliance/agreements/${id}/events`, { method: 'POST', body: input }),
  );
}

export function useUpdateAgreement() {
  return useAllianceMutation(({ id, ...input }: UpdateAgreementInput & { id: number }) =>
    apiRequest<Agreement>(`/api/alliance/agreements/${id}`, { method: 'PATCH', body: input }),
  );
}

/** Cancels an agreement entered by mistake, with all its events. */
export function useCancelAgreement() {
  return useAllianceMutation(({ id, ...input }: CancelInput & { id: number }) =>
    apiRequest<Agreement>(`/api/alliance/agreements/${id}/cancel`, { method: 'POST', body: input }),
  );
}

/** The alliance settings (admins only). */
export function useAllianceSettings(enabled: boolean) {
  return useQuery({ queryKey: [...ALLIANCE, 'settings'], queryFn: () => apiRequest<AllianceSettings>('/api/alliance/settings'), enabled });
}

export function useUpdateAllianceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAllianceSettingsInput) =>
      apiRequest<AllianceSettings>('/api/alliance/settings', { method: 'PATCH', body: input }),
    onSuccess: (settings) => {
      queryClient.setQueryData([...ALLIANCE, 'settings'], settings);
      void queryClient.invalidateQueries({ queryKey: ['public-alliance'] });
    },
  });
}
