/** Importing a comp plans file: the plans, each assembled from its tier and SPIFF rows. */
import type { Db } from '../../../../db/client.js';
import type { CompPlan } from '../../../agents/comp.js';
import type { CompPlanImportRow } from '../../../domain/sales/import-formats.js';
import type { KindHandler, Problems } from './staging.js';

interface StagedPlanRow extends CompPlanImportRow {
  line: number;
}

/**
 * One row per tier or SPIFF; a plan's own columns (applies_to, ote, base_pct, quota, cap_pct) are
 * given on at least one of its rows and must agree where repeated. Plans are small, so they are
 * assembled in memory once every row has passed.
 */
export function compPlansHandler(db: Db): KindHandler {
  let plans: CompPlan[] = [];
  return {
    unit: { one: 'plan', many: 'plans' },
    check: (row: CompPlanImportRow, line) => ({ key: String(line), value: { ...row, line } }),
    duplicate: (key) => `duplicate row ${key}`,
    finish(stage, problems) {
      const byPlan = new Map<string, StagedPlanRow[]>();
      for (const { row } of stage.rows<StagedPlanRow>()) {
        const key = (row.plan as string).toLowerCase();
        byPlan.set(key, [...(byPlan.get(key) ?? []), row]);
      }
      const appliesTo = new Map<string, string>();
      for (const other of db.$client.prepare('SELECT name, applies_to AS appliesTo FROM comp_plans').iterate() as IterableIterator<{
        name: string;
        appliesTo: string | null;
      }>) {
        if (!byPlan.has(other.name.toLowerCase())) appliesTo.set((other.appliesTo ?? '').toLowerCase(), other.name);
      }
      plans = [];
      for (const rows of byPlan.values()) {
        const plan = buildPlan(rows, problems);
        if (!plan) continue;
        const target = (plan.appliesTo ?? '').toLowerCase();
        const clash = appliesTo.get(target);
        if (clash)
          problems.add(
            (rows[0] as StagedPlanRow).line,
            `plan ${plan.name} applies to ${plan.appliesTo ?? 'everyone'}, as ${clash} does already: give one of them another applies_to`,
          );
        appliesTo.set(target, plan.name);
        plans.push(plan);
      }
    },
    records: () => plans.length,
    existing: () => {
      const names = new Set(db.$client.prepare('SELECT lower(name) FROM comp_plans').pluck().all() as string[]);
      return plans.filter((p) => names.has(p.name.toLowerCase())).length;
    },
    *write() {
      const upsert = db.$client.prepare(
        `INSERT INTO comp_plans (name, applies_to, ote_cents, base_pct, quota_cents, cap_pct, tiers, spiffs) VALUES (@name, @appliesTo, @oteCents, @basePct, @quotaCents, @capPct, @tiers, @spiffs)
         ON CONFLICT(name) DO UPDATE SET applies_to = excluded.applies_to, ote_cents = excluded.ote_cents, base_pct = excluded.base_pct, quota_cents = excluded.quota_cents,
           cap_pct = excluded.cap_pct, tiers = excluded.tiers, spiffs = excluded.spiffs, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      );
      db.$client.transaction(() => {
        for (const plan of plans) upsert.run({ ...plan, tiers: JSON.stringify(plan.tiers), spiffs: JSON.stringify(plan.spiffs) });
      })();
      yield;
      return [];
    },
  };
}

type PlanColumn = 'applies_to' | 'ote' | 'base_pct' | 'quota' | 'cap_pct';

function buildPlan(rows: StagedPlanRow[], problems: Problems): CompPlan | null {
  const first = rows[0] as StagedPlanRow;
  const name = first.plan as string;
  const before = problems.count;
  const planValue = <K extends PlanColumn>(column: K): StagedPlanRow[K] | null => {
    let value: StagedPlanRow[K] | null = null;
    let from = 0;
    for (const row of rows) {
      const v = row[column];
      if (v === null) continue;
      if (value !== null && v !== value) problems.add(row.line, `${column} ${String(v)} differs from ${String(value)} on line ${from} for plan ${name}`);
      else if (value === null) [value, from] = [v, row.line];
    }
    return value;
  };
  const ote = planValue('ote');
  const basePct = planValue('base_pct');
  if (ote === null) problems.add(first.line, `plan ${name} has no ote (on-target earnings) on any of its rows`);
  if (basePct === null) problems.add(first.line, `plan ${name} has no base_pct (the base salary's share of OTE) on any of its rows`);

  const tiers = rows
    .filter((r) => r.tier_from_pct !== null || r.tier_to_pct !== null || r.rate !== null)
    .sort((a, b) => (a.tier_from_pct ?? 0) - (b.tier_from_pct ?? 0));
  let expectFrom = 0;
  tiers.forEach((t, i) => {
    if (t.rate === null) problems.add(t.line, 'a tier needs a rate');
    if ((t.tier_from_pct ?? 0) !== expectFrom)
      problems.add(
        t.line,
        `tier starts at ${t.tier_from_pct ?? 0}% but the tiers before end at ${expectFrom}%: tiers must follow on from 0% without gaps or overlaps`,
      );
    if (t.tier_to_pct === null && i < tiers.length - 1) problems.add(t.line, 'only the last tier may leave tier_to_pct empty');
    if (t.tier_to_pct !== null && t.tier_to_pct <= (t.tier_from_pct ?? 0))
      problems.add(t.line, `tier_to_pct ${t.tier_to_pct} is not above tier_from_pct ${t.tier_from_pct ?? 0}`);
    expectFrom = t.tier_to_pct ?? expectFrom;
  });
  if (tiers.length === 0) problems.add(first.line, `plan ${name} has no tiers: give at least one row a tier_from_pct and a rate`);
  const spiffs = rows.filter((r) => r.spiff !== null || r.spiff_amount !== null);
  for (const s of spiffs) {
    if (s.spiff === null) problems.add(s.line, 'a SPIFF needs a name in the spiff column');
    if (s.spiff_amount === null) problems.add(s.line, `SPIFF ${s.spiff ?? ''} has no spiff_amount`);
  }
  if (problems.count > before) return null;
  return {
    name,
    appliesTo: planValue('applies_to'),
    oteCents: ote as number,
    basePct: basePct as number,
    quotaCents: planValue('quota'),
    capPct: planValue('cap_pct'),
    tiers: tiers.map((t) => ({ fromPct: t.tier_from_pct ?? 0, toPct: t.tier_to_pct, rate: t.rate as number })),
    spiffs: spiffs.map((s) => ({ name: s.spiff as string, amountCents: s.spiff_amount as number, product: s.spiff_product, minDealCents: s.spiff_min_deal })),
  };
}
