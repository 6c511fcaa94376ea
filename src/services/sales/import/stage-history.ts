/** Importing a stage history file: when each deal entered each stage. */
import type { Db } from '../../../../db/client.js';
import type { StageHistoryImportRow } from '../../../domain/sales/import-formats.js';
import type { KindHandler } from './staging.js';

interface StagedStage {
  dealId: string;
  stage: string;
  enteredDate: string;
}

/** Each deal must have been imported; a deal named in the file gets the file's history in place of what it had. */
export function stageHistoryHandler(db: Db): KindHandler {
  const dealExists = db.$client.prepare('SELECT 1 FROM deals WHERE id = ?').pluck();
  return {
    unit: { one: 'stage entry', many: 'stage entries' },
    check(row: StageHistoryImportRow) {
      const dealId = row.deal_id as string;
      if (!dealExists.get(dealId)) return { problems: [`unknown deal_id ${dealId}: import the deals file first`] };
      const value: StagedStage = { dealId, stage: row.stage as string, enteredDate: row.entered_date as string };
      return { key: `${dealId}|${value.enteredDate}|${value.stage}`, value };
    },
    duplicate: (key, first) => `duplicate entry: deal ${key.split('|').join(', ')} (also on line ${first})`,
    existing: (stage) =>
      db.$client
        .prepare(`SELECT count(*) FROM ${stage.table} s JOIN stage_history h ON h.deal_id || '|' || h.entered_date || '|' || h.stage = s.key`)
        .pluck()
        .get() as number,
    *write(stage) {
      const clear = db.$client.prepare('DELETE FROM stage_history WHERE deal_id = ?');
      const insert = db.$client.prepare('INSERT INTO stage_history (deal_id, stage, entered_date) VALUES (@dealId, @stage, @enteredDate)');
      const cleared = new Set<string>();
      yield* stage.batches<StagedStage>((rows) => {
        for (const row of rows) {
          if (!cleared.has(row.dealId)) {
            clear.run(row.dealId);
            cleared.add(row.dealId);
          }
          insert.run(row);
        }
      });
      return [`Stage history for ${cleared.size.toLocaleString('en-US')} ${cleared.size === 1 ? 'deal' : 'deals'}.`];
    },
  };
}
