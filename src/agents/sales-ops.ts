import { getOrAdd } from '../domain/maps.js';
import { type FiscalCalendar, fiscalQuarterPeriod } from './definitions.js';
import type { RepPackage } from './territory.js';

/**
 * `sales-ops-automator` (week 11): the materials portal, the CRM update export (the territory
 * plan's quotas and the account owners, in the importer's canonical CSV format, so the file
 * round-trips) and certification tracking from the quiz. Pure.
 */

const MATERIAL_KINDS = ['slides', 'recording', 'resource'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export interface Material {
  session: string;
  kind: MaterialKind;
  url: string;
  recordedBy: string | null;
}

export interface PortalSession {
  session: string;
  items: { kind: MaterialKind; url: string }[];
}

/** Materials grouped by session (in the order sessions were first recorded), slides before recordings before resources. */
export function materialsPortal(materials: readonly Material[]): PortalSession[] {
  const sessions = new Map<string, PortalSession>();
  for (const m of materials) {
    const s = getOrAdd(sessions, m.session.toLowerCase(), () => ({ session: m.session, items: [] as { kind: string; url: string }[] }));
    s.items.push({ kind: m.kind, url: m.url });
  }
  const order = (k: MaterialKind) => MATERIAL_KINDS.indexOf(k);
  return [...sessions.values()].map((s) => ({ ...s, items: [...s.items].sort((a, b) => order(a.kind) - order(b.kind)) }));
}

// ------------------------------------------------------------------------------ certification

/** The seed's bar: more than 75% of attendees pass certification. */
export const CERTIFICATION_TARGET = 0.75;

export interface Attendee {
  key: string;
  name: string;
  team: string | null;
}

/** A person's graded quiz: their latest answers, since a retake replaces the earlier ones. */
export interface QuizGrade {
  key: string;
  correct: number;
  total: number;
  scorePct: number;
  passed: boolean;
}

export interface CertifiedPerson extends Attendee {
  correct: number;
  total: number;
  scorePct: number;
}

export interface CertificationStatus {
  attendees: number;
  passed: CertifiedPerson[];
  failed: CertifiedPerson[];
  notTaken: Attendee[];
  /** Passed ÷ attendees; null with no attendees. */
  passRate: number | null;
  target: number;
  meetsTarget: boolean;
}

/** `grades` in the order they were taken: where a key repeats, the later grade counts. Grades of people who are not attendees count for nothing. */
export function certificationStatus(attendees: readonly Attendee[], grades: readonly QuizGrade[]): CertificationStatus {
  const latest = new Map(grades.map((g) => [g.key, g]));
  const passed: CertifiedPerson[] = [];
  const failed: CertifiedPerson[] = [];
  const notTaken: Attendee[] = [];
  const byName = (a: Attendee, b: Attendee) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  for (const a of [...attendees].sort(byName)) {
    const g = latest.get(a.key);
    if (!g) notTaken.push(a);
    else (g.passed ? passed : failed).push({ ...a, correct: g.correct, total: g.total, scorePct: g.scorePct });
  }
  const passRate = attendees.length === 0 ? null : passed.length / attendees.length;
  return {
    attendees: attendees.length,
    passed,
    failed,
    notTaken,
    passRate,
    target: CERTIFICATION_TARGET,
    meetsTarget: passRate !== null && passRate > CERTIFICATION_TARGET,
  };
}

// ------------------------------------------------------------------------------ CRM update export

const QUOTA_HEADERS = ['email', 'period_start', 'period_end', 'amount'] as const;
const ACCOUNT_HEADERS = ['name', 'owner_email', 'region', 'segment', 'industry', 'potential'] as const;

export interface ExportAccount {
  name: string;
  ownerEmail: string | null;
  region: string | null;
  segment: string | null;
  industry: string | null;
  potentialCents: number | null;
}

const cell = (v: string | number | null) => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header: readonly string[], rows: (string | number | null)[][]) => `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
const amount = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

/** One quota row per rep per fiscal quarter they carry quota in, in the quotas import format. */
export function quotasCsv(fiscalYear: number, packages: readonly RepPackage[], calendar: FiscalCalendar): string {
  const rows: (string | number | null)[][] = [];
  for (const p of packages) {
    p.byQuarter.forEach((q, i) => {
      if (q.quota <= 0) return;
      const period = fiscalQuarterPeriod(fiscalYear, i + 1, calendar);
      rows.push([p.key, period.from, period.to, amount(Math.round(q.quota * 100))]);
    });
  }
  return csv(QUOTA_HEADERS, rows);
}

/** Every account and its owner, in the accounts import format. */
export function territoriesCsv(accounts: readonly ExportAccount[]): string {
  return csv(
    ACCOUNT_HEADERS,
    accounts.map((a) => [a.name, a.ownerEmail, a.region, a.segment, a.industry, a.potentialCents === null ? null : amount(a.potentialCents)]),
  );
}
