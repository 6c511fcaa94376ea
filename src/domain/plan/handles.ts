/**
 * An SKO's handle: the short name people type to say which SKO they mean (`/sko status emea-fy27`,
 * `--sko emea-fy27`). Lower-case letters, digits and dashes, so it survives Slack and a shell.
 */

const MAX_HANDLE = 24;

/** Words every SKO's name carries: a handle is quicker to type without them, when something else is left. */
const FILLER = new Set(['sales', 'kickoff', 'kick', 'off', 'sko', 'the', 'and', 'annual']);

/** "EMEA Sales Kickoff FY27" → "emea-fy27": whole words, at most 24 characters; a name of filler words only keeps them; one with no letters or digits gives "sko". */
export function handleFromName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const telling = words.filter((w) => !FILLER.has(w));
  let slug = '';
  for (const word of telling.length > 0 ? telling : words) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > MAX_HANDLE) break;
    slug = longer;
  }
  // Whole words only, unless the first is itself too long.
  return slug || words[0]?.slice(0, MAX_HANDLE) || 'sko';
}

/** The handle itself, or with -2, -3… after it when another SKO has it already. */
export function uniqueHandle(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, MAX_HANDLE - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
