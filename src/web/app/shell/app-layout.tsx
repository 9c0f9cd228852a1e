import { Burger, Container, Group } from '@mantine/core';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth-context.tsx';
import { Loading } from '../../ui/query-status.tsx';
import { NoticeRegion } from '../notice.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NavLinks } from './nav-links.tsx';
import { MAIN_ID, SkipLink } from './skip-link.tsx';
import { UserMenu } from './user-menu.tsx';

const MOBILE_NAV_ID = 'mobile-navigation';

/** The visible h1 of the main content, if it is rendered yet. */
function visibleHeading(): HTMLElement | null {
  const heading = document.querySelector<HTMLElement>(`#${MAIN_ID} h1`);
  return heading && heading.offsetParent !== null ? heading : null;
}

/**
 * After a client-side page change, focus moves to the new page's h1 so screen readers read it. A
 * page loaded with its feature's chunk renders its heading a moment later: wait for it (a while),
 * unless the user has moved focus elsewhere meanwhile.
 */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Where focus was when the address changed: if the user has moved it since (opened a navigation
    // group while the page loads), the late heading does not take it away.
    const before = document.activeElement;
    const focus = (): boolean => {
      const active = document.activeElement;
      if (active !== before && active !== null && active !== document.body) return true;
      const heading = visibleHeading();
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    const main = document.getElementById(MAIN_ID);
    if (focus() || !main) return;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
    const timer = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname]);
}

/**
 * The frame of every page: skip link, header with the grouped navigation (behind a menu button on
 * narrow screens), the language switch and the user menu (always shown), main content.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const burger = useRef<HTMLButtonElement>(null);
  useFocusHeadingOnNavigation();
  // The menu closes on its own link clicks (onNavigate) and on back/forward, not on every committed
  // path change: a menu opened while a page is still loading stays open when that page arrives.
  useEffect(() => {
    const onPop = () => setMenuOpen(false);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (!menuOpen) return;
    // Escape closes the compact menu and returns to its button (as a disclosure does).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      burger.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const showNav = user !== null && !user.mustChangePassword;

  return (
    <>
      <SkipLink />
      <header className="shell-header">
        <Container size="xl" className="shell-bar">
          <Link to="/" className="brand">
            Praevis
          </Link>
          {showNav ? (
            <nav aria-label={t('shell.mainNavigation')} className="nav-wide">
              <NavLinks role={user.role} />
            </nav>
          ) : null}
          <Group gap="xs" ml="auto" wrap="nowrap" className="shell-actions">
            <LanguageSwitch />
            {user ? <UserMenu /> : null}
            {showNav ? (
              <div className="compact-only">
                <Burger
                  ref={burger}
                  opened={menuOpen}
                  onClick={() => setMenuOpen((o) => !o)}
                  aria-label={t('shell.menu')}
                  aria-expanded={menuOpen}
                  aria-controls={MOBILE_NAV_ID}
                  size="sm"
                />
              </div>
            ) : null}
          </Group>
        </Container>
        {showNav && menuOpen ? (
          <nav id={MOBILE_NAV_ID} aria-label={t('shell.mainNavigation')} className="nav-mobile compact-only">
            <Container size="xl" pb="md">
              <NavLinks role={user.role} vertical onNavigate={() => setMenuOpen(false)} />
            </Container>
          </nav>
        ) : null}
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        <Container size="xl" py="lg">
          <NoticeRegion />
          {/* Each feature's pages load with their own chunk; meanwhile an announced status. */}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Container>
      </main>
    </>
  );
}
