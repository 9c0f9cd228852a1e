/*
 * The short name of a municipality as official texts (press releases, letters) write it, derived
 * from its name in the official directory (GV100AD):
 *
 * 1. The directory appends the municipality's designation after the last comma: "Leipzig, Stadt",
 *    "Oelsnitz/Erzgeb., Stadt", "Jonsdorf, Kurort", "Freiberg, Universitätsstadt". Official texts
 *    leave it out: "Leipzig", "Oelsnitz/Erzgeb.". A designation with a second-language name keeps
 *    that name: "Weißwasser/O.L., Stadt / Běła Woda" → "Weißwasser/O.L. / Běła Woda".
 * 2. Where the designation is what tells two municipalities apart ("Bernsdorf" in the district of
 *    Zwickau and "Bernsdorf, Stadt" in Bautzen), the short form would be ambiguous: both keep their
 *    full directory name. Callers that know the directory pass its names to detect this.
 * 3. Whatever else the name holds (a slash, a district abbreviation such as "/Erzgeb.") stays: it
 *    is part of the official name, not a designation.
 */

/** The directory name without its designation (rule 1), ignoring collisions. */
export function stripDesignation(name: string): string {
  const trimmed = name.trim();
  const comma = trimmed.lastIndexOf(',');
  if (comma <= 0) return trimmed;
  const base = trimmed.slice(0, comma).trim();
  const designation = trimmed.slice(comma + 1).trim();
  // A designation is one or a few words, never a name with digits; anything else is left alone.
  if (!designation || /\d/.test(designation)) return trimmed;
  const slash = designation.indexOf(' / ');
  return slash >= 0 ? `${base} / ${designation.slice(slash + 3).trim()}` : base;
}

/**
 * The short name of `name` (rules 1–2): without its designation, unless another name of the
 * directory `directory` has the same short form, in which case the full name stays.
 */
export function shortMunicipalityName(name: string, directory: Iterable<string> = []): string {
  const short = stripDesignation(name);
  if (short === name.trim()) return short;
  for (const other of directory) if (other !== name && stripDesignation(other) === short) return name.trim();
  return short;
}

/** Short names for a whole directory at once (one pass for the collisions of rule 2). */
export function shortMunicipalityNames(names: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const n of new Set(names)) {
    const s = stripDesignation(n);
    count.set(s, (count.get(s) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const n of names) {
    const s = stripDesignation(n);
    out.set(n, s !== n.trim() && (count.get(s) ?? 0) > 1 ? n.trim() : s);
  }
  return out;
}
