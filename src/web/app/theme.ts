import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/*
 * Colours are chosen for WCAG 2.1 AA: the primary shade on white is above 7:1, and the muted,
 * error and placeholder greys that Mantine ships below 4.5:1 are replaced with darker ones.
 */
export const theme = createTheme({
  primaryColor: 'praevis',
  primaryShade: 7,
  colors: {
    praevis: ['#e8f1fb', '#d0e2f6', '#a3c4ec', '#72a4e2', '#4a88d8', '#2f74cf', '#1f63bd', '#1a549f', '#164682', '#103563'],
  },
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
