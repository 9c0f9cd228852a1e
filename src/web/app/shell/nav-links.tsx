import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { SECTIONS, sectionsFor } from '../navigation.ts';

/** The role's sections as a list of links; the current one carries aria-current="page". */
export function NavLinks({ role, vertical = false }: { role: Role; vertical?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={vertical ? 'nav-list nav-list--vertical' : 'nav-list'}>
      {sectionsFor(role).map((s) => (
        <li key={s}>
          <NavLink to={SECTIONS[s].path} end={s === 'home'} className="nav-link">
            {t(SECTIONS[s].labelKey)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
