import { type ComponentType, lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { GuestOnly, RequireAuth, RequirePasswordChanged, RequireRole } from './guards.tsx';
import { PATHS, SECTIONS } from './navigation.ts';
import { AppLayout } from './shell/app-layout.tsx';
import { EntryOfItsOwn, NotFoundPage, RouteErrorPage } from './status-pages.tsx';

/**
 * A page loaded with its feature's chunk when first opened; AppLayout's Suspense shows the
 * announced loading status meanwhile, and a failed load reaches the route's error page.
 */
function lazyPage<M, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AuditPage = lazyPage(() => import('../features/audit/pages/audit-page.tsx'), 'AuditPage');
const ContradictionsPage = lazyPage(() => import('../features/consistency/pages/contradictions-page.tsx'), 'ContradictionsPage');
const ChangePasswordPage = lazyPage(() => import('../features/auth/pages/change-password-page.tsx'), 'ChangePasswordPage');
const HomePage = lazyPage(() => import('../features/home/pages/home-page.tsx'), 'HomePage');
const DashboardPage = lazyPage(() => import('../features/alliance/pages/dashboard-page.tsx'), 'DashboardPage');
const AgreementFigurePage = lazyPage(() => import('../features/alliance/pages/agreement-figure-page.tsx'), 'AgreementFigurePage');
const MunicipalityListPage = lazyPage(() => import('../features/alliance/pages/municipality-list-page.tsx'), 'MunicipalityListPage');
const MunicipalityPage = lazyPage(() => import('../features/alliance/pages/municipality-page.tsx'), 'MunicipalityPage');
const ImportsPage = lazyPage(() => import('../features/territory/pages/imports-page.tsx'), 'ImportsPage');
const CrimeDistrictPage = lazyPage(() => import('../features/crime-stats/pages/district-page.tsx'), 'DistrictPage');
const CrimeDistrictsPage = lazyPage(() => import('../features/crime-stats/pages/districts-page.tsx'), 'DistrictsPage');
const PksImportPage = lazyPage(() => import('../features/crime-stats/pages/pks-import-page.tsx'), 'PksImportPage');
const CrimeMunicipalImportPage = lazyPage(() => import('../features/crime-stats/pages/municipal-import-page.tsx'), 'MunicipalImportPage');
const MunicipalityCrimePage = lazyPage(() => import('../features/crime-stats/pages/municipality-page.tsx'), 'MunicipalityCrimePage');
const OffenceFieldsPage = lazyPage(() => import('../features/crime-stats/pages/offence-fields-page.tsx'), 'OffenceFieldsPage');
const SecurityAnalysesPage = lazyPage(() => import('../features/security-analysis/pages/analyses-page.tsx'), 'AnalysesPage');
const SecurityAnalysisPage = lazyPage(() => import('../features/security-analysis/pages/analysis-page.tsx'), 'AnalysisPage');
const SecurityAnalysisReportPage = lazyPage(() => import('../features/security-analysis/pages/report-page.tsx'), 'ReportPage');
const UserCreatePage = lazyPage(() => import('../features/users/pages/user-create-page.tsx'), 'UserCreatePage');
const UserEditPage = lazyPage(() => import('../features/users/pages/user-edit-page.tsx'), 'UserEditPage');
const UsersListPage = lazyPage(() => import('../features/users/pages/users-list-page.tsx'), 'UsersListPage');
const SurveyCodesPage = lazyPage(() => import('../features/surveys/pages/survey-codes-page.tsx'), 'SurveyCodesPage');
const SurveyCreatePage = lazyPage(() => import('../features/surveys/pages/survey-create-page.tsx'), 'SurveyCreatePage');
const SurveyDetailPage = lazyPage(() => import('../features/surveys/pages/survey-detail-page.tsx'), 'SurveyDetailPage');
const SurveyImportPage = lazyPage(() => import('../features/surveys/pages/survey-import-page.tsx'), 'SurveyImportPage');
const SurveyListPage = lazyPage(() => import('../features/surveys/pages/survey-list-page.tsx'), 'SurveyListPage');
const SurveyPaperPage = lazyPage(() => import('../features/surveys/pages/survey-paper-page.tsx'), 'SurveyPaperPage');
const SurveyQuestionnairePage = lazyPage(
  () => import('../features/surveys/pages/survey-questionnaire-page.tsx'),
  'SurveyQuestionnairePage',
);
const SurveyVersionPage = lazyPage(() => import('../features/surveys/pages/survey-version-page.tsx'), 'SurveyVersionPage');
const CouncilFoundPage = lazyPage(() => import('../features/councils/pages/council-found-page.tsx'), 'CouncilFoundPage');
const CouncilPage = lazyPage(() => import('../features/councils/pages/council-page.tsx'), 'CouncilPage');
const CouncilsListPage = lazyPage(() => import('../features/councils/pages/councils-list-page.tsx'), 'CouncilsListPage');
const CouncilCountsPage = lazyPage(() => import('../features/councils/pages/council-counts-page.tsx'), 'CouncilCountsPage');
const CouncilMeetingPage = lazyPage(() => import('../features/councils/pages/meeting-page.tsx'), 'MeetingPage');
const PeoplePage = lazyPage(() => import('../features/organisations/pages/people-page.tsx'), 'PeoplePage');
const EffectsPage = lazyPage(() => import('../features/effects/pages/effects-page.tsx'), 'EffectsPage');
const CoachingPage = lazyPage(() => import('../features/coaching/pages/coaching-page.tsx'), 'CoachingPage');
const TrainingPage = lazyPage(() => import('../features/training/pages/training-page.tsx'), 'TrainingPage');
const AnnualReportPage = lazyPage(() => import('../features/annual-report/pages/annual-report-page.tsx'), 'AnnualReportPage');
const ApplicationFormPage = lazyPage(() => import('../features/funding/pages/application-form-page.tsx'), 'ApplicationFormPage');
const ApplicationPage = lazyPage(() => import('../features/funding/pages/application-page.tsx'), 'ApplicationPage');
const FundingPage = lazyPage(() => import('../features/funding/pages/funding-page.tsx'), 'FundingPage');
const ProgrammesPage = lazyPage(() => import('../features/funding/pages/programmes-page.tsx'), 'ProgrammesPage');
const ProjectCreatePage = lazyPage(() => import('../features/funding/pages/project-create-page.tsx'), 'ProjectCreatePage');
const ProjectListPage = lazyPage(() => import('../features/funding/pages/project-list-page.tsx'), 'ProjectListPage');
const ProjectPage = lazyPage(() => import('../features/funding/pages/project-page.tsx'), 'ProjectPage');
const ForgotPasswordPage = lazyPage(() => import('../features/mail/pages/forgot-password-page.tsx'), 'ForgotPasswordPage');
const SetPasswordPage = lazyPage(() => import('../features/mail/pages/set-password-page.tsx'), 'SetPasswordPage');
const OutboxPage = lazyPage(() => import('../features/mail/pages/outbox-page.tsx'), 'OutboxPage');
const ProfilePage = lazyPage(() => import('../features/mail/pages/profile-page.tsx'), 'ProfilePage');
const SurveyMarginsPage = lazyPage(() => import('../features/survey-results/pages/margins-page.tsx'), 'SurveyMarginsPage');
const SurveyBenchmarkPage = lazyPage(() => import('../features/survey-results/pages/benchmark-page.tsx'), 'SurveyBenchmarkPage');
const ResultSurveysPage = lazyPage(() => import('../features/survey-results/pages/result-surveys-page.tsx'), 'ResultSurveysPage');
const SurveyResultsPage = lazyPage(() => import('../features/survey-results/pages/results-page.tsx'), 'SurveyResultsPage');

/** Every page of the web app and who may open it. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        // Sign-in, the alliance's public page and the citizen survey are entries of their own (sign-in.html,
        // public-page.html, public-survey.html; decision 040); a link to them from here loads that page in full.
        { path: PATHS.login, element: <EntryOfItsOwn /> },
        {
          path: PATHS.forgotPassword,
          element: (
            <GuestOnly>
              <ForgotPasswordPage />
            </GuestOnly>
          ),
        },
        // A link of a message opens for anyone: whoever holds it sets the password of its account.
        { path: PATHS.setPassword, element: <SetPasswordPage /> },
        { path: PATHS.publicPage, element: <EntryOfItsOwn /> },
        { path: `${PATHS.publicSurvey}/*`, element: <EntryOfItsOwn /> },
        {
          element: <RequireAuth />,
          children: [
            { path: PATHS.changePassword, element: <ChangePasswordPage /> },
            {
              element: <RequirePasswordChanged />,
              children: [
                { index: true, element: <HomePage /> },
                {
                  element: <RequireRole policy={SECTIONS.dashboard.policy} />,
                  children: [
                    { path: SECTIONS.dashboard.path, element: <DashboardPage /> },
                    { path: PATHS.agreementFigure, element: <AgreementFigurePage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.annualReport.policy} />,
                  children: [{ path: SECTIONS.annualReport.path, element: <AnnualReportPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.municipalities.policy} />,
                  children: [
                    { path: SECTIONS.municipalities.path, element: <MunicipalityListPage /> },
                    { path: '/municipalities/:ags', element: <MunicipalityPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.crimeStats.policy} />,
                  children: [
                    { path: SECTIONS.crimeStats.path, element: <CrimeDistrictsPage /> },
                    { path: '/crime-stats/districts/:ags', element: <CrimeDistrictPage /> },
                    {
                      element: <RequireRole policy="crimeStats.import" />,
                      children: [{ path: '/crime-stats/import', element: <PksImportPage /> }],
                    },
                    { path: '/crime-stats/municipalities/:ags', element: <MunicipalityCrimePage /> },
                    {
                      element: <RequireRole policy="crimeStats.import" />,
                      children: [{ path: '/crime-stats/import/municipalities', element: <CrimeMunicipalImportPage /> }],
                    },
                    {
                      element: <RequireRole policy="crimeStats.editCatalogue" />,
                      children: [{ path: '/crime-stats/offences', element: <OffenceFieldsPage /> }],
                    },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.securityAnalyses.policy} />,
                  children: [
                    { path: SECTIONS.securityAnalyses.path, element: <SecurityAnalysesPage /> },
                    { path: '/security-analyses/:id', element: <SecurityAnalysisPage /> },
                    { path: '/security-analyses/:id/reports/:number', element: <SecurityAnalysisReportPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.surveys.policy} />,
                  children: [
                    { path: SECTIONS.surveys.path, element: <SurveyListPage /> },
                    { path: '/surveys/new', element: <SurveyCreatePage /> },
                    { path: '/surveys/:id', element: <SurveyDetailPage /> },
                    { path: '/surveys/:id/questionnaire', element: <SurveyQuestionnairePage /> },
                    { path: '/surveys/:id/questionnaire/versions/:v', element: <SurveyVersionPage /> },
                    { path: '/surveys/:id/codes', element: <SurveyCodesPage /> },
                    { path: '/surveys/:id/paper', element: <SurveyPaperPage /> },
                    { path: '/surveys/:id/import', element: <SurveyImportPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.surveyResults.policy} />,
                  children: [{ path: SECTIONS.surveyResults.path, element: <ResultSurveysPage /> }],
                },
                {
                  element: <RequireRole policy="surveyAnalysis.benchmark" />,
                  children: [{ path: '/survey-benchmark', element: <SurveyBenchmarkPage /> }],
                },
                {
                  element: <RequireRole policy="surveyAnalysis.readResults" />,
                  children: [
                    { path: '/surveys/:id/results', element: <SurveyResultsPage /> },
                    {
                      element: <RequireRole policy="surveyAnalysis.margins" />,
                      children: [{ path: '/surveys/:id/margins', element: <SurveyMarginsPage /> }],
                    },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.councils.policy} />,
                  children: [
                    { path: SECTIONS.councils.path, element: <CouncilsListPage /> },
                    {
                      element: <RequireRole policy="councils.write" />,
                      children: [{ path: '/councils/new', element: <CouncilFoundPage /> }],
                    },
                    { path: '/councils/:id', element: <CouncilPage /> },
                    { path: '/councils/meetings/:id', element: <CouncilMeetingPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.councilCounts.policy} />,
                  children: [{ path: SECTIONS.councilCounts.path, element: <CouncilCountsPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.people.policy} />,
                  children: [{ path: SECTIONS.people.path, element: <PeoplePage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.effects.policy} />,
                  children: [{ path: SECTIONS.effects.path, element: <EffectsPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.coaching.policy} />,
                  children: [{ path: SECTIONS.coaching.path, element: <CoachingPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.training.policy} />,
                  children: [{ path: SECTIONS.training.path, element: <TrainingPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.projects.policy} />,
                  children: [
                    { path: SECTIONS.projects.path, element: <ProjectListPage /> },
                    {
                      element: <RequireRole policy="funding.writeProjects" />,
                      children: [{ path: '/projects/new', element: <ProjectCreatePage /> }],
                    },
                    { path: '/projects/:id', element: <ProjectPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.funding.policy} />,
                  children: [
                    { path: SECTIONS.funding.path, element: <FundingPage /> },
                    {
                      element: <RequireRole policy="funding.applications" />,
                      children: [
                        { path: '/funding/applications/new', element: <ApplicationFormPage /> },
                        { path: '/funding/applications/:id', element: <ApplicationPage /> },
                        { path: '/funding/applications/:id/edit', element: <ApplicationFormPage /> },
                      ],
                    },
                    {
                      element: <RequireRole policy="funding.staff" />,
                      children: [{ path: '/funding/programmes', element: <ProgrammesPage /> }],
                    },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.imports.policy} />,
                  children: [{ path: SECTIONS.imports.path, element: <ImportsPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.users.policy} />,
                  children: [
                    { path: SECTIONS.users.path, element: <UsersListPage /> },
                    { path: PATHS.newUser, element: <UserCreatePage /> },
                    { path: '/users/:id', element: <UserEditPage /> },
                  ],
                },
                {
                  element: <RequireRole policy={SECTIONS.audit.policy} />,
                  children: [{ path: SECTIONS.audit.path, element: <AuditPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.contradictions.policy} />,
                  children: [{ path: SECTIONS.contradictions.path, element: <ContradictionsPage /> }],
                },
                {
                  element: <RequireRole policy={SECTIONS.outbox.policy} />,
                  children: [{ path: SECTIONS.outbox.path, element: <OutboxPage /> }],
                },
                { path: PATHS.profile, element: <ProfilePage /> },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
