import { type FocusEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { NAV_GROUPS, type NavGroupName, SECTIONS, type SectionName, navigationFor } from '../navigation.ts';

/** Whether the current path lies in a section (the home page only on itself). */
function inSection(pathname: string, section: SectionName): boolean {
  const { path } = SECTIONS[section];
  return section === 'home' ? pathname === path : pathname === path || pathname.startsWith(`${path}/`);
}

/** A section's link; the current one carries aria-current="page". */
function SectionLink({ section, onNavigate }: { section: SectionName; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <NavLink to={SECTIONS[section].path} end={section === 'home'} className="nav-link" onClick={onNavigate}>
      {t(SECTIONS[section].labelKey)}
    </NavLink>
  );
}

/**
 * A group of the desktop navigation: a button that shows and hides its list of links (the WAI-ARIA
 * disclosure pattern: `aria-expanded`, `aria-controls`, the links stay plain links in the tab
 * order). Escape closes it and returns focus to its button; so does leaving it with Tab.
 */
function NavGroup({
  group,
  sections,
  open,
  onOpenChange,
}: {
  group: NavGroupName;
  sections: SectionName[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const button = useRef<HTMLButtonElement>(null);
  const listId = `nav-group-${group}`;
  const current = sections.some((s) => inSection(pathname, s));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      onOpenChange(false);
      button.current?.focus();
    }
  };
  const onBlur = (e: FocusEvent<HTMLLIElement>) => {
    if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) onOpenChange(false);
  };

  return (
    <li className="nav-group" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        className="nav-link nav-group-button"
        data-current={current || undefined}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => onOpenChange(!open)}
      >
        {t(NAV_GROUPS[group].labelKey)}
        <span aria-hidden="true" className="nav-group-caret">
          ▾
        </span>
      </button>
      <ul id={listId} className="nav-dropdown" hidden={!open}>
        {sections.map((s) => (
          <li key={s}>
            <SectionLink section={s} onNavigate={() => onOpenChange(false)} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * The role's main navigation: the home page, then the groups of its work. On wide screens each
 * group opens a list of its links (one group at a time, closed on a click elsewhere, on a click of one of its links and on
 * back/forward); in the compact menu of narrow screens every group is shown as a labelled list, and
 * `onNavigate` runs on a click of any link (the menu closes, also on a link to the current page).
 */
export function NavLinks({ role, vertical = false, onNavigate }: { role: Role; vertical?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const [openGroup, setOpenGroup] = useState<NavGroupName | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const entries = navigationFor(role);

  // A group closes on a click of one of its links and on back/forward, not on every change of the
  // path: a page that arrives after the user opened a group (say, the home page after sign-in) leaves
  // it open.
  useEffect(() => {
    const close = () => setOpenGroup(null);
    window.addEventListener('popstate', close);
    return () => window.removeEventListener('popstate', close);
  }, []);
  useEffect(() => {
    if (openGroup === null) return;
    const closeOutside = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node)) setOpenGroup(null);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [openGroup]);

  if (vertical) {
    return (
      <ul className="nav-list nav-list--vertical">
        {entries.map((entry) =>
          entry.kind === 'link' ? (
            <li key={entry.section}>
              <SectionLink section={entry.section} onNavigate={onNavigate} />
            </li>
          ) : (
            <li key={entry.group} className="nav-section">
              <span className="nav-section-label" id={`nav-section-${entry.group}`}>
                {t(NAV_GROUPS[entry.group].labelKey)}
              </span>
              <ul className="nav-list nav-list--vertical" aria-labelledby={`nav-section-${entry.group}`}>
                {entry.sections.map((s) => (
                  <li key={s}>
                    <SectionLink section={s} onNavigate={onNavigate} />
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    );
  }

  return (
    <ul className="nav-list" ref={list}>
      {entries.map((entry) =>
        entry.kind === 'link' ? (
          <li key={entry.section}>
            <SectionLink section={entry.section} />
          </li>
        ) : (
          <NavGroup
            key={entry.group}
            group={entry.group}
            sections={entry.sections}
            open={openGroup === entry.group}
            onOpenChange={(open) => setOpenGroup(open ? entry.group : null)}
          />
        ),
      )}
    </ul>
  );
}
