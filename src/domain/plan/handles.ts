/**
 * An SKO's handle: the short name people type to say which SKO they mean (`/sko status emea-fy27`,
 * `--sko emea-fy27`). Lower-case letters, digits and dashes, so it survives Slack and a shell.
 */

const MAX_HANDLE = 24;

/** "EMEA Sales Kickoff FY27" → "emea-sales-kickoff-fy27"; a name with no letters or digits gives "sko". */
export function handleFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_HANDLE)
    .replace(/^-+|-+$/g, '');
  return slug || 'sko';
}

/** The handle itself, or with -2, -3… after it when another SKO has it already. */
export function uniqueHandle(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, MAX_HANDLE - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
