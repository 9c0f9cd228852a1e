import { Menu, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout } from '../../features/auth/api.ts';
import { useCurrentUser } from '../auth-context.tsx';
import { PATHS } from '../navigation.ts';

/** The initials of a name, for the user button of narrow screens ("Anna Admin" → "AA"). */
function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => p[0]!.toUpperCase()).join('');
}

/**
 * The signed-in user's button opens a menu with the role, the profile (notification settings), password change and sign-out; shown at
 * every width (with the initials only on narrow screens), so sign-out is always one click away.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton className="user-button" aria-label={t('shell.userMenu', { name: user.displayName })}>
          <span className="user-name">{user.displayName}</span>
          <span className="user-initials" aria-hidden="true">
            {initialsOf(user.displayName)}
          </span>
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
