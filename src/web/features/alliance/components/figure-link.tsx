import { Anchor } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import type { FigureKey } from '../../../../shared/alliance.schema.ts';
import type { FigureArea } from '../figure-links.ts';

/**
 * Where a page's figures link: the address of a figure's list (its drill-down) and, on the public
 * page (an entry without a router, decision 020), how to follow it there without a reload.
 */
export interface DrillDown {
  hrefOf(key: FigureKey, at: string, area?: FigureArea): string;
  follow?: (href: string) => void;
}

/** A figure's number as a link to the list of what it counts. */
export function FigureLink(props: { href: string; label: string; follow?: (href: string) => void; children: ReactNode; c?: string }) {
  const { href, label, follow, children, c } = props;
  if (follow) {
    const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
      // A new tab or window keeps the browser's own way.
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      follow(href);
    };
    return (
      <Anchor href={href} onClick={onClick} aria-label={label} c={c} underline="always">
        {children}
      </Anchor>
    );
  }
  return (
    <Anchor component={Link} to={href} aria-label={label} c={c} underline="always">
      {children}
    </Anchor>
  );
}
