import { Anchor } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import type { Link } from 'react-router';
import type { FigureKey } from '../../../../shared/alliance.schema.ts';
import type { FigureArea } from '../figure-links.ts';

/**
 * How a page links each number to the list of what it counts (decision 035). Props rather than
 * imports, so the public page (an entry without the router and the schemas that drill-down.ts
 * reads, decision 040) loads neither: the signed-in pages give `drill-down.ts`'s addresses and the
 * router's link; the public page its own list's addresses and how to follow them in place.
 */
export interface DrillDown {
  href(key: FigureKey, at: string, area?: FigureArea): string;
  /** The app's router link (signed-in pages). */
  link?: typeof Link;
  /** Without a router (the public page): follows the address in place. */
  follow?: (href: string) => void;
}

/** A figure's number as a link to the list of what it counts. */
export function FigureLink(props: {
  href: string;
  label: string;
  link?: typeof Link;
  follow?: (href: string) => void;
  children: ReactNode;
  c?: string;
}) {
  const { href, label, link, follow, children, c } = props;
  if (link && !follow) {
    return (
      <Anchor component={link} to={href} aria-label={label} c={c} underline="always">
        {children}
      </Anchor>
    );
  }
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window keeps the browser's own way.
    if (!follow || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    follow(href);
  };
  return (
    <Anchor href={href} onClick={onClick} aria-label={label} c={c} underline="always">
      {children}
    </Anchor>
  );
}
