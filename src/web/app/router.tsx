import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../features/audit/pages/audit-page.tsx';
import { ChangePasswordPage } from '../features/auth/pages/change-password-page.tsx';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { HomePage } from '../features/home/pages/home-page.tsx';
import { DashboardPage } from '../features/alliance/pages/dashboard-page.tsx';
import { MunicipalityListPage } from '../features/alliance/pages/municipality-list-page.tsx';
import { MunicipalityPage } from '../features/alliance/pages/municipality-page.tsx';
import { PublicPage } from '../features/alliance/pages/public-page.tsx';
import { ImportsPage } from '../features/territory/pages/imports-page.tsx';
import { DistrictPage as CrimeDistrictPage } from '../features/crime-stats/pages/district-page.tsx';
import { DistrictsPage as CrimeDistrictsPage } from '../features/crime-stats/pages/districts-page.tsx';
import { PksImportPage } from '../features/crime-stats/pages/pks-import-page.tsx';
import { MunicipalImportPage as CrimeMunicipalImportPage } from '../features/crime-stats/pages/municipal-import-page.tsx';
import { MunicipalityCrimePage } from '../features/crime-stats/pages/municipality-page.tsx';
import { OffenceFieldsPage } from '../features/crime-stats/pages/offence-fields-page.tsx';
import { AnalysesPage as SecurityAnalysesPage } from '../features/security-analysis/pages/analyses-page.tsx';
import { AnalysisPage as SecurityAnalysisPage } from '../features/security-analysis/pages/analysis-page.tsx';
import { ReportPage as SecurityAnalysisReportPage } from '../features/security-analysis/pages/report-page.tsx';
import { UserCreatePage } from '../features/users/pages/user-create-page.tsx';
import { UserEditPage } from '../features/users/pages/user-edit-page.tsx';
import { UsersListPage } from '../features/users/pages/users-list-page.tsx';
import { PublicSurveyPage } from '../features/survey-public/pages/public-survey-page.tsx';
import { SurveyCodesPage } from '../features/surveys/pages/survey-codes-page.tsx';
import { SurveyCreatePage } from '../features/surveys/pages/survey-create-page.tsx';
import { SurveyDetailPage } from '../features/surveys/pages/survey-detail-page.tsx';
import { SurveyImportPage } from '../features/surveys/pages/survey-import-page.tsx';
import { SurveyListPage } from '../features/surveys/pages/survey-list-page.tsx';
import { SurveyPaperPage } from '../features/surveys/pages/survey-paper-page.tsx';
import { SurveyQuestionnairePage } from '../features/surveys/pages/survey-questionnaire-page.tsx';
import { SurveyVersionPage } from '../features/surveys/pages/survey-version-page.tsx';
import { CouncilFoundPage } from '../features/councils/pages/council-found-page.tsx';
import { CouncilPage } from '../features/councils/pages/council-page.tsx';
import { CouncilsListPage } from '../features/councils/pages/councils-list-page.tsx';
import { MeetingPage as CouncilMeetingPage } from '../features/councils/pages/meeting-page.tsx';
import { PeoplePage } from '../features/organisations/pages/people-page.tsx';
import { CoachingPage } from '../features/coaching/pages/coaching-page.tsx';
import { TrainingPage } from '../features/training/pages/training-page.tsx';
import { ApplicationFormPage } from '../features/funding/pages/application-form-page.tsx';
import { ApplicationPage } from '../features/funding/pages/application-page.tsx';
import { FundingPage } from '../features/funding/pages/funding-page.tsx';
import { ProgrammesPage } from '../features/funding/pages/programmes-page.tsx';
import { ProjectCreatePage } from '../features/funding/pages/project-create-page.tsx';
import { ProjectListPage } from '../features/funding/pages/project-list-page.tsx';
import { ProjectPage } from '../features/funding/pages/project-page.tsx';
import { GuestOnly, RequireAuth, RequirePasswordChanged, RequireRole } from './guards.tsx';
import { PATHS, SECTIONS } from './navigation.ts';
import { SurveyMarginsPage } from '../features/survey-results/pages/margins-page.tsx';
import { SurveyResultsPage } from '../features/survey-results/pages/results-page.tsx';
import { AppLayout } from './shell/app-layout.tsx';
import { NotFoundPage, RouteErrorPage } from './status-pages.tsx';

/** Every page of the web app and who may open it. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          path: PATHS.login,
          element: (
            <GuestOnly>
              <LoginPage />
            </GuestOnly>
          ),
        },
        // The alliance's public page needs no sign-in; it says so itself when it is not published.
        { path: PATHS.publicPage, element: <PublicPage /> },
        // The citizen survey's questionnaire: no sign-in; the access code opens it (optional in the address, from the letter's QR code).
        { path: '/befragung/:code?', element: <PublicSurveyPage /> },
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
                  children: [{ path: SECTIONS.dashboard.path, element: <DashboardPage /> }],
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
                  element: <RequireRole policy={SECTIONS.people.policy} />,
                  children: [{ path: SECTIONS.people.path, element: <PeoplePage /> }],
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
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
