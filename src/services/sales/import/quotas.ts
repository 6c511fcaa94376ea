/** Importing a quotas file: each person's quota per period. */
import type { Db } from '../../../../db/client.js';
import type { QuotaImportRow } from '../../../domain/sales/import-formats.js';
import type { QuotaKind } from '../../../domain/sales/quota-kinds.js';
import { PersonResolver } from './person-resolver.js';
import type { KindHandler } from './staging.js';

interface StagedQuota {
  personId: number;
  periodStart: string;
  periodEnd: string;
  amountCents: number;
  kind: QuotaKind | null;
}

export function quotasHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  const inFile = new Map<number, { from: string; to: string; line: number }[]>();
  return {
    unit: { one: 'quota', many: 'quotas' },
    check(row: QuotaImportRow, line) {
      const person = people.resolve(row.email as string, 'person');
      if ('problem' in person) return { problems: [person.problem] };
      const from = row.period_start as string;
      const to = row.period_end as string;
      const periods = inFile.get(person.id) ?? [];
      const clash = periods.find((p) => p.from <= to && from <= p.to && !(p.from === from && p.to === to));
      if (clash) return { problems: [`overlaps ${row.email}'s quota for ${clash.from} – ${clash.to} on line ${clash.line}`] };
      inFile.set(person.id, [...periods, { from, to, line }]);
      const value: StagedQuota = { personId: person.id, periodStart: from, periodEnd: to, amountCents: row.amount as number, kind: row.quota_type ?? null };
      return { key: `${person.id}|${from}|${to}`, value };
    },
    duplicate: (key, first) => `duplicate quota for the same person and period ${key.split('|').slice(1).join(' – ')} (also on line ${first})`,
    existing: (stage) =>
      db.$client
        .prepare(`SELECT count(*) FROM ${stage.table} s JOIN quotas q ON q.person_id || '|' || q.period_start || '|' || q.period_end = s.key`)
        .pluck()
        .get() as number,
    *write(stage) {
      // A quota replaces the person's quotas for overlapping periods: annual quotas re-imported as quarters, say.
      const replace = db.$client.prepare(
        'DELETE FROM quotas WHERE person_id = ? AND period_start <= ? AND ? <= period_end AND NOT (period_start = ? AND period_end = ?)',
      );
      const upsert = db.$client.prepare(
        'INSERT INTO quotas (person_id, period_start, period_end, amount_cents, kind) VALUES (@personId, @periodStart, @periodEnd, @amountCents, @kind) ON CONFLICT DO UPDATE SET amount_cents = excluded.amount_cents, kind = excluded.kind',
      );
      let replaced = 0;
      yield* stage.batches<StagedQuota>((rows) => {
        for (const row of rows) {
          replaced += replace.run(row.personId, row.periodEnd, row.periodStart, row.periodStart, row.periodEnd).changes;
          upsert.run(row);
        }
      });
      return replaced
        ? [`${replaced} earlier ${replaced === 1 ? 'quota for an overlapping period was' : 'quotas for overlapping periods were'} replaced.`]
        : [];
    },
  };
}
