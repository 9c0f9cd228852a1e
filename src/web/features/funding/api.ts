import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Application,
  ApplicationListItem,
  BudgetOverview,
  createApplicationSchema,
  CreateProgrammeInput,
  decisionInputSchema,
  FundedList,
  paymentRequestSchema,
  Programme,
  ProgrammeVersion,
  proofInputSchema,
  recommendationInputSchema,
  ReviewInput,
  UpdateProgrammeInput,
} from '../../../shared/funding.schema.ts';
import type { createProjectSchema, FieldOfAction, Project, ProjectListItem, updateProjectSchema } from '../../../shared/projects.schema.ts';

// Request bodies as the client sends them: fields with a server-side default may be left out.
type CreateProjectInput = z.input<typeof createProjectSchema>;
type UpdateProjectInput = z.input<typeof updateProjectSchema>;
type CreateApplicationInput = z.input<typeof createApplicationSchema>;
type DecisionInput = z.input<typeof decisionInputSchema>;
type PaymentRequestInput = z.input<typeof paymentRequestSchema>;
type ProofInput = z.input<typeof proofInputSchema>;
type RecommendationInput = z.input<typeof recommendationInputSchema>;

import { apiRequest, type QueryValue } from '../../lib/api-client.ts';
import { useUploadDocument } from '../documents/index.ts';

/*
 * Query hooks of the projects and funding pages. Which controls a role sees follows the rules of
 * `shared/policies.ts` (`policies.funding`); the server decides, the pages only hide controls a
 * role could not use.
 */

export const FUNDING_PATHS = {
  projects: '/projects',
  newProject: '/projects/new',
  project: (id: number) => `/projects/${id}`,
  funding: '/funding',
  newApplication: (projectId: number) => `/funding/applications/new?projectId=${projectId}`,
  application: (id: number) => `/funding/applications/${id}`,
  programmes: '/funding/programmes',
} as const;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- reference data ----

export function useFieldsOfAction() {
  return useQuery({
    queryKey: ['funding', 'fields'],
    queryFn: () => apiRequest<FieldOfAction[]>('/api/funding/fields-of-action'),
    staleTime: 5 * 60_000,
  });
}

export interface MunicipalityOption {
  ags: string;
  name: string;
  districtName: string;
}
/** The municipalities the user may see (a coordinator: its own), for the project form. */
export function useMunicipalityOptions() {
  return useQuery({
    queryKey: ['funding', 'municipalities'],
    queryFn: () => apiRequest<Page<MunicipalityOption>>('/api/municipalities', { query: { pageSize: 500 } }),
    staleTime: 5 * 60_000,
  });
}

// ---- projects ----

export function useProjects(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: ['funding', 'projects', query],
    queryFn: () => apiRequest<Page<ProjectListItem>>('/api/projects', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: number) {
  return useQuery({ queryKey: ['funding', 'project', id], queryFn: () => apiRequest<Project>(`/api/projects/${id}`) });
}

function useProjectMutation<V>(fn: (v: V) => Promise<Project>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (p) => {
      qc.setQueryData(['funding', 'project', p.id], p);
      void qc.invalidateQueries({ queryKey: ['funding', 'projects'] });
    },
  });
}

export const useCreateProject = () =>
  useProjectMutation((body: CreateProjectInput) => apiRequest<Project>('/api/projects', { method: 'POST', body }));
export const useUpdateProject = () =>
  useProjectMutation((v: { id: number; body: UpdateProjectInput }) =>
    apiRequest<Project>(`/api/projects/${v.id}`, { method: 'PATCH', body: v.body }),
  );
export const useProjectStatus = () =>
  useProjectMutation((v: { id: number; version: number; status: string }) =>
    apiRequest<Project>(`/api/projects/${v.id}/status`, { method: 'POST', body: { version: v.version, status: v.status } }),
  );

/** Uploads a document of a project, or of an application's proof of use, and refreshes both. */
export function useUploadProjectDocument() {
  const qc = useQueryClient();
  const upload = useUploadDocument();
  return useMutation({
    mutationFn: (v: { projectId: number; file: File; applicationId?: number }) =>
      upload.mutateAsync(
        v.applicationId
          ? { ownerType: 'funding_application', ownerId: v.applicationId, kind: 'proof', file: v.file }
          : { ownerType: 'funding_project', ownerId: v.projectId, file: v.file },
      ),
    onSuccess: (_d, v) => {
      void qc.invalidateQueries({ queryKey: ['funding', 'project', v.projectId] });
      if (v.applicationId) void qc.invalidateQueries({ queryKey: ['funding', 'application', v.applicationId] });
    },
  });
}

// ---- programmes ----

export function useProgrammes(enabled = true) {
  return useQuery({ queryKey: ['funding', 'programmes'], queryFn: () => apiRequest<Programme[]>('/api/funding/programmes'), enabled });
}

export function useProgrammeVersions(id: number | null) {
  return useQuery({
    queryKey: ['funding', 'programme-versions', id],
    queryFn: () => apiRequest<ProgrammeVersion[]>(`/api/funding/programmes/${id}/versions`),
    enabled: id !== null,
  });
}

function useProgrammeMutation<V>(fn: (v: V) => Promise<Programme>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['funding'] });
    },
  });
}

export const useCreateProgramme = () =>
  useProgrammeMutation((body: CreateProgrammeInput) => apiRequest<Programme>('/api/funding/programmes', { method: 'POST', body }));
export const useUpdateProgramme = () =>
  useProgrammeMutation((v: { id: number; body: UpdateProgrammeInput }) =>
    apiRequest<Programme>(`/api/funding/programmes/${v.id}`, { method: 'PATCH', body: v.body }),
  );
export const usePublishProgramme = () =>
  useProgrammeMutation((v: { id: number; version: number; publicList: boolean }) =>
    apiRequest<Programme>(`/api/funding/programmes/${v.id}/publication`, {
      method: 'POST',
      body: { version: v.version, publicList: v.publicList },
    }),
  );

export function useBudgetOverview(id: number | null) {
  return useQuery({
    queryKey: ['funding', 'overview', id],
    queryFn: () => apiRequest<BudgetOverview>(`/api/funding/programmes/${id}/overview`),
    enabled: id !== null,
  });
}

export function useFundedList(id: number | null) {
  return useQuery({
    queryKey: ['funding', 'funded', id],
    queryFn: () => apiRequest<FundedList>(`/api/funding/programmes/${id}/funded`),
    enabled: id !== null,
  });
}

export const exportUrl = (id: number, table: 'overview' | 'funded', format: 'csv' | 'xlsx') =>
  `/api/funding/programmes/${id}/export?table=${table}&format=${format}`;

// ---- applications ----

export function useApplications(query: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: ['funding', 'applications', query],
    queryFn: () => apiRequest<Page<ApplicationListItem>>('/api/funding/applications', { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplication(id: number) {
  return useQuery({
    queryKey: ['funding', 'application', id],
    queryFn: () => apiRequest<Application>(`/api/funding/applications/${id}`),
    enabled: id > 0,
  });
}

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['funding', 'reviewers'],
    queryFn: () => apiRequest<{ id: number; name: string; role: string }[]>('/api/funding/reviewers'),
    enabled,
  });
}

function useApplicationMutation<V>(fn: (v: V) => Promise<Application>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (a) => {
      qc.setQueryData(['funding', 'application', a.id], a);
      void qc.invalidateQueries({ queryKey: ['funding', 'applications'] });
      void qc.invalidateQueries({ queryKey: ['funding', 'overview'] });
      void qc.invalidateQueries({ queryKey: ['funding', 'project', a.projectId] });
    },
  });
}

const post = <B>(path: string, body: B, method: 'POST' | 'PUT' | 'PATCH' = 'POST') => apiRequest<Application>(path, { method, body });
const app = (id: number, rest = '') => `/api/funding/applications/${id}${rest}`;

export const useCreateApplication = () => useApplicationMutation((body: CreateApplicationInput) => post('/api/funding/applications', body));
export const useUpdateApplication = () =>
  useApplicationMutation((v: { id: number; body: Record<string, unknown> }) => post(app(v.id), v.body, 'PATCH'));
export const useSubmitApplication = () =>
  useApplicationMutation((v: { id: number; version: number; windowOverrideReason: string | null }) =>
    post(app(v.id, '/submit'), { version: v.version, windowOverrideReason: v.windowOverrideReason }),
  );
export const useAssignReviewer = () =>
  useApplicationMutation((v: { id: number; version: number; userId: number }) =>
    post(app(v.id, '/reviewers'), { version: v.version, userId: v.userId }),
  );
export const useSubmitReview = () =>
  useApplicationMutation((v: { id: number; reviewId: number; body: ReviewInput }) =>
    post(app(v.id, `/reviews/${v.reviewId}`), v.body, 'PUT'),
  );
export const useRecommend = () =>
  useApplicationMutation((v: { id: number; body: RecommendationInput }) => post(app(v.id, '/recommendation'), v.body));
export const useDecide = () => useApplicationMutation((v: { id: number; body: DecisionInput }) => post(app(v.id, '/decision'), v.body));
export const useRequestPayment = () =>
  useApplicationMutation((v: { id: number; body: PaymentRequestInput }) => post(app(v.id, '/payments'), v.body));
export const useMarkPaid = () =>
  useApplicationMutation((v: { paymentId: number; version: number; paidCents: number; paidOn: string }) =>
    post(`/api/funding/payments/${v.paymentId}/paid`, { version: v.version, paidCents: v.paidCents, paidOn: v.paidOn }),
  );
export const useSubmitProof = () =>
  useApplicationMutation((v: { id: number; body: ProofInput }) => post(app(v.id, '/proof'), v.body, 'PUT'));
export const useCheckProof = () =>
  useApplicationMutation((v: { id: number; version: number; checkedEligibleCents: number; note: string }) =>
    post(app(v.id, '/proof/check'), { version: v.version, checkedEligibleCents: v.checkedEligibleCents, note: v.note }),
  );

export const noticeUrl = (id: number) => `/api/funding/applications/${id}/notice.pdf`;
export const dossierUrl = (projectId: number) => `/api/projects/${projectId}/dossier.pdf`;
