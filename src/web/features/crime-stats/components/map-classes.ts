/** Five sequential colours (light = low crime rate, dark = high), distinguishable in grey too. */
export const CLASS_COLOURS = ['#fde0c5', '#f9b380', '#eb7a3b', '#c4471b', '#7f2704'] as const;
export const NO_DATA_COLOUR = '#e9ecef';

/** The class of a value for ascending breaks: the number of breaks it reaches (0 … breaks.length). */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null) return null;
  let c = 0;
  for (const b of breaks) if (value >= b) c++;
  return c;
}

/** The colour of a class; with fewer breaks the palette is spread over the classes there are. */
export function colourOf(cls: number | null, breaks: readonly number[]): string {
  if (cls === null) return NO_DATA_COLOUR;
  const classes = breaks.length + 1;
  const idx = classes <= 1 ? CLASS_COLOURS.length - 1 : Math.round((cls * (CLASS_COLOURS.length - 1)) / (classes - 1));
  return CLASS_COLOURS[idx]!;
}
