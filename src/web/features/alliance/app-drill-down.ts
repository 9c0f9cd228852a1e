import { Link } from 'react-router';
import type { DrillDown } from './components/figures-section.tsx';
import { figureHref } from './drill-down.ts';

/** Every number links to the list of what it counts, within the app (decision 035); the public page passes its own. */
export const APP_DRILL_DOWN: DrillDown = { href: figureHref, link: Link };
