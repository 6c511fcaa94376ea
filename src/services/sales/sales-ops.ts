import type { Db } from '../../../db/client.js';
import {
  type ExportAccount,
  type Material,
  type MaterialKind,
  materialsPortal,
  type PortalSession,
  quotasCsv,
  territoriesCsv,
} from '../../agents/sales-ops.js';
import type { TerritoryResult } from '../../agents/territory.js';
import { InputError, NotFoundError } from '../../errors.js';
import { runAgentJob } from './agent-jobs.js';
import { fiscalCalendar, noTerritoryTarget, territorySettings } from './settings.js';

/** The CRM update: next year's quotas from the saved territory plan and every account's owner, as importable CSV. */
export interface CrmExport {
  fiscalYear: number;
  quotas: { rows: number; csv: string };
  territories: { rows: number; csv: string };
}

export function crmExport(db: Db, today: string): CrmExport {
  const saved = territorySettings(db);
  if (!saved) throw new NotFoundError(noTerritoryTarget(Number(today.slice(0, 4)) + 1));
  const plan = runAgentJob(db, { agent: 'territory', today, fiscalYear: saved.fiscalYear, scope: { kind: 'all' } }) as TerritoryResult;
  const accounts = db.$client
    .prepare(
      'SELECT a.name, p.email AS ownerEmail, a.region, a.segment, a.industry, a.potential_cents AS potentialCents FROM accounts a LEFT JOIN people p ON p.id = a.owner_id ORDER BY a.name',
    )
    .all() as ExportAccount[];
  const quotas = quotasCsv(saved.fiscalYear, plan.packages, fiscalCalendar(db));
  return {
    fiscalYear: saved.fiscalYear,
    quotas: { rows: quotas.split('\n').length - 2, csv: quotas },
    territories: { rows: accounts.length, csv: territoriesCsv(accounts) },
  };
}

const URL_PATTERN = /^<?(https?:\/\/[^\s|>]+)(?:\|[^>]*)?>?$/i;

/** "Opening keynote https://…" → the session's title and the link (Slack wraps links as <url> or <url|label>). */
export function parseMaterial(words: readonly string[]): { session: string; url: string; kind: MaterialKind } {
  const at = words.findIndex((w) => URL_PATTERN.test(w));
  const usage =
    'Give the session’s title, then the link: `/sko materials add Opening keynote https://…` (add `recording` or `resource` after the link; slides are the default).';
  if (at <= 0) throw new InputError(usage);
  const rest = words.slice(at + 1).map((w) => w.toLowerCase());
  const kind = (rest[0] ?? 'slides') as MaterialKind;
  if (!['slides', 'recording', 'resource'].includes(kind) || rest.length > 1) throw new InputError(usage);
  return { session: words.slice(0, at).join(' '), url: (URL_PATTERN.exec(words[at] as string) as RegExpExecArray)[1] as string, kind };
}

export function addMaterial(
  db: Db,
  eventId: number,
  material: { session: string; url: string; kind: MaterialKind },
  recordedBy: number | null,
): 'added' | 'updated' {
  const existing = db.$client
    .prepare('SELECT id FROM materials WHERE event_id = ? AND session = ? AND url = ?')
    .pluck()
    .get(eventId, material.session, material.url) as number | undefined;
  if (existing !== undefined) {
    db.$client
      .prepare(`UPDATE materials SET kind = ?, recorded_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`)
      .run(material.kind, recordedBy, existing);
    return 'updated';
  }
  db.$client
    .prepare('INSERT INTO materials (event_id, session, kind, url, recorded_by) VALUES (?, ?, ?, ?, ?)')
    .run(eventId, material.session, material.kind, material.url, recordedBy);
  return 'added';
}

/** One SKO's materials portal. */
export function portal(db: Db, eventId: number): PortalSession[] {
  const rows = db.$client
    .prepare(
      'SELECT m.session, m.kind, m.url, p.email AS recordedBy FROM materials m LEFT JOIN people p ON p.id = m.recorded_by WHERE m.event_id = ? ORDER BY m.id',
    )
    .all(eventId) as Material[];
  return materialsPortal(rows);
}
