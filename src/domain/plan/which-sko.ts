/**
 * Which SKO a request is about (issue 12, point 2), decided in one place. Pure: the service loads
 * the SKOs, the person and the channel; this picks.
 */

/** Who an SKO is for: the people of these teams or regions (either matches); no scope (null) means everyone. */
export interface RosterScope {
  teams: string[];
  regions: string[];
}

export interface SkoCandidate {
  id: number;
  handle: string;
  channelId: string;
  roster: RosterScope | null;
  archivedAt: string | null;
}

export interface Asker {
  team: string | null;
  region: string | null;
  /** The SKOs in which they hold a role (SKO lead, a lead, a sales leader). */
  leads: ReadonlySet<number>;
}

export type SkoChoice<E> =
  | { kind: 'found'; event: E }
  /** No SKO is set up. */
  | { kind: 'none' }
  /** More than one could be meant: the asker names one by its handle. */
  | { kind: 'ambiguous'; choices: E[] }
  | { kind: 'unknown-handle'; handle: string; choices: E[] };

const same = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether a person is on an SKO's roster: everyone when it has no scope, else their team's or region's. */
export function onRoster(person: { team: string | null; region: string | null }, roster: SkoCandidate['roster']): boolean {
  if (roster === null) return true;
  return roster.teams.some((t) => same(person.team, t)) || roster.regions.some((r) => same(person.region, r));
}

/**
 * A handle names any SKO, archived ones too (to read them). Otherwise, among the running SKOs: the
 * one whose channel the request comes from; else the ones the person attends or leads; else, when
 * only one SKO runs, that one (an admin, or someone outside every roster, still sees it). When
 * none runs, the last one held: after week 12 `/sko status` still shows how it ended, read-only.
 * `skos` come newest first.
 */
export function chooseSko<E extends SkoCandidate>(
  skos: readonly E[],
  request: { handle?: string | null | undefined; channelId?: string | null | undefined; asker: Asker | null },
): SkoChoice<E> {
  const active = skos.filter((s) => s.archivedAt === null);
  if (request.handle) {
    const named = skos.find((s) => s.handle === request.handle?.trim().toLowerCase());
    return named ? { kind: 'found', event: named } : { kind: 'unknown-handle', handle: request.handle, choices: active.length ? active : [...skos] };
  }
  const inChannel = active.find((s) => request.channelId && s.channelId === request.channelId);
  if (inChannel) return { kind: 'found', event: inChannel };
  const { running: pool, archived } = skosOf(skos, request.asker);
  // With every SKO archived: the newest the person attended or led, else the newest.
  if (pool.length === 0) {
    const last = archived[0] ?? skos[0];
    return last ? { kind: 'found', event: last } : { kind: 'none' };
  }
  if (pool.length === 1) return { kind: 'found', event: pool[0] as E };
  return { kind: 'ambiguous', choices: pool };
}

/**
 * A person's SKOs: the running ones they attend or lead (when none, every running one, so an admin
 * or someone outside every roster still sees them), and the archived ones they attended or led.
 */
export function skosOf<E extends SkoCandidate>(skos: readonly E[], asker: Asker | null): { running: E[]; archived: E[] } {
  const theirs = (s: E) => (asker ? asker.leads.has(s.id) || onRoster(asker, s.roster) : s.roster === null);
  const active = skos.filter((s) => s.archivedAt === null);
  const mine = active.filter(theirs);
  return { running: mine.length ? mine : active, archived: skos.filter((s) => s.archivedAt !== null && theirs(s)) };
}
