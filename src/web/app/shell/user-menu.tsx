import { Button, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout } from '../../features/auth/api.ts';
import { useCurrentUser } from '../auth-context.tsx';
import { PATHS } from '../navigation.ts';

/** Desktop: the signed-in user's name opens a menu with password change and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton className="user-button" aria-label={t('shell.userMenu', { name: user.displayName })}>
          <span>{user.displayName}</span>
          <span aria-hidden="true"> ▾</span>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t(`roles.${user.role}`)}</Menu.Label>
        <Menu.Item component={Link} to={PATHS.profile}>
          {t('nav.profile')}
        </Menu.Item>
        {!user.sso ? (
          <Menu.Item component={Link} to={PATHS.changePassword}>
            {t('nav.changePassword')}
          </Menu.Item>
        ) : null}
        <Menu.Item onClick={() => logout.mutate()}>{t('nav.logout')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Mobile: the same actions as plain links and buttons inside the opened navigation panel. */
export function UserActions() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Stack gap="xs" mt="sm" pt="sm" className="user-actions">
      <Text size="sm">{t('shell.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}</Text>
      <Link className="nav-link" to={PATHS.profile}>
        {t('nav.profile')}
      </Link>
      {!user.sso ? (
        <Link className="nav-link" to={PATHS.changePassword}>
          {t('nav.changePassword')}
        </Link>
      ) : null}
      <Button variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
        {t('nav.logout')}
      </Button>
    </Stack>
  );
}
