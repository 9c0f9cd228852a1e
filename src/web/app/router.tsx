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
import { PKS_IMPORT_ROLES } from '../features/crime-stats/api.ts';
import { DistrictPage as CrimeDistrictPage } from '../features/crime-stats/pages/district-page.tsx';
import { DistrictsPage as CrimeDistrictsPage } from '../features/crime-stats/pages/districts-page.tsx';
import { PksImportPage } from '../features/crime-stats/pages/pks-import-page.tsx';
import { UserCreatePage } from '../features/users/pages/user-create-page.tsx';
import { UserEditPage } from '../features/users/pages/user-edit-page.tsx';
import { UsersListPage } from '../features/users/pages/users-list-page.tsx';
import { GuestOnly, RequireAuth, RequirePasswordChanged, RequireRole } from './guards.tsx';
import { PATHS, SECTIONS } from './navigation.ts';
import { AppLayout } from './shell/app-layout.tsx';
import { NotFoundPage, RouteErrorPage } from './status-pages.tsx';

/** Every page of the web app and who may open it. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: PATHS.login, element: <GuestOnly><LoginPage /></GuestOnly> },
        // The alliance's public page needs no sign-in; it says so itself when it is not published.
        { path: PATHS.publicPage, element: <PublicPage /> },
        {
          element: <RequireAuth />,
          children: [
            { path: PATHS.changePassword, element: <ChangePasswordPage /> },
            {
              element: <RequirePasswordChanged />,
              children: [
                { index: true, element: <HomePage /> },
                {
                  element: <RequireRole roles={SECTIONS.dashboard.roles} />,
                  children: [{ path: SECTIONS.dashboard.path, element: <DashboardPage /> }],
                },
                {
                  element: <RequireRole roles={SECTIONS.municipalities.roles} />,
                  children: [
                    { path: SECTIONS.municipalities.path, element: <MunicipalityListPage /> },
                    { path: '/municipalities/:ags', element: <MunicipalityPage /> },
                  ],
                },
                {
                  element: <RequireRole roles={SECTIONS.crimeStats.roles} />,
                  children: [
                    { path: SECTIONS.crimeStats.path, element: <CrimeDistrictsPage /> },
                    { path: '/crime-stats/districts/:ags', element: <CrimeDistrictPage /> },
                    { element: <RequireRole roles={PKS_IMPORT_ROLES} />, children: [{ path: '/crime-stats/import', element: <PksImportPage /> }] },
                  ],
                },
                {
                  element: <RequireRole roles={SECTIONS.imports.roles} />,
                  children: [{ path: SECTIONS.imports.path, element: <ImportsPage /> }],
                },
                {
                  element: <RequireRole roles={SECTIONS.users.roles} />,
                  children: [
                    { path: SECTIONS.users.path, element: <UsersListPage /> },
                    { path: PATHS.newUser, element: <UserCreatePage /> },
                    { path: '/users/:id', element: <UserEditPage /> },
                  ],
                },
                {
                  element: <RequireRole roles={SECTIONS.audit.roles} />,
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
