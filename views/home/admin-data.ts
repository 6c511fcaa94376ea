import type { DataKind, DataStatus } from '../../src/services/sales/data-status.js';
import { actions, type Blocks, button, context, divider, escapeMrkdwn, mention, section } from '../kit/blocks.js';
import { formatAmount, formatCount, formatDate, formatDateTime } from '../kit/format.js';
import { SETTINGS } from '../kit/ids.js';

/** Each kind in words, and what to share to add it: the CRM export people already have. */
const KINDS: Record<DataKind, { label: string; add: string }> = {
  people: { label: 'People', add: 'your CRM’s users export (email, name, role, team, manager)' },
  deals: { label: 'Deals', add: 'your CRM’s opportunities export (owner, stage, amount, created and close dates)' },
  quotas: { label: 'Quotas', add: 'a quotas sheet (email, period start and end, amount)' },
  accounts: { label: 'Accounts', add: 'your CRM’s accounts export (name, owner, region, potential)' },
  'comp-plans': { label: 'Comp plans', add: 'a comp plans sheet (plan, who it applies to, OTE, base %, tiers)' },
  'stage-history': { label: 'Stage history', add: 'your CRM’s opportunity stage history, for conversion by stage' },
  agenda: { label: 'Agenda', add: 'the agenda sheet (day, start, end, title, kind, format, speakers, takeaways, next steps)' },
  expenses: { label: 'Expenses', add: 'the expenses sheet (category, vendor, amount, date, note)' },
};

export interface AdminHomeView {
  data: DataStatus;
  admins: { workspace: string[]; setting: string[]; added: string[] };
  settings: {
    fiscalStartMonth: string;
    territory: { fiscalYear: number; targetCents: number; overAssignmentPct: number; ramp: number[]; historyWeightPct: number } | null;
  };
  timeZone: string;
}

/** An admin's part of App Home: what data is in and what is missing (and how to add it), who the admins are, the settings. */
export function adminHomeBlocks(view: AdminHomeView): Blocks {
  const loaded = view.data.kinds.filter((k) => k.rows > 0);
  const missing = view.data.kinds.filter((k) => k.rows === 0);
  const loadedLines = loaded.map((k) => {
    const last = k.last
      ? ` · last file ${k.last.fileName ? `*${escapeMrkdwn(k.last.fileName)}* ` : ''}${formatDateTime(new Date(k.last.at), view.timeZone)} by ${k.last.by ? mention(k.last.by) : 'the command line'}`
      : '';
    return `• *${KINDS[k.kind].label}*: ${formatCount(k.rows)} ${k.rows === 1 ? 'row' : 'rows'}${last}`;
  });
  const missingLines = missing.map((k) => `• *${KINDS[k.kind].label}*: share ${KINDS[k.kind].add}`);
  const asOf = view.data.dataAsOf ? `Sales data as of ${formatDate(view.data.dataAsOf, { year: true })} (the newest deal).` : 'No deals yet.';
  const t = view.settings.territory;
  const admins = [...new Set([...view.admins.workspace, ...view.admins.setting, ...view.admins.added])];
  return [
    divider(),
    section(`*Data loaded* · ${asOf}\n${loadedLines.join('\n') || '_Nothing yet._'}`),
    ...(missingLines.length
      ? [section(`*Missing*: drop the CSV file into the Messages tab here, with what it is in the message (e.g. "deals")\n${missingLines.join('\n')}`)]
      : []),
    section(
      `*Settings*\nThe fiscal year starts in ${view.settings.fiscalStartMonth}. ${
        t && t.targetCents > 0
          ? `FY${t.fiscalYear} plan: ${formatAmount(t.targetCents / 100)} target, ${t.overAssignmentPct}% over-assignment, ramp ${t.ramp.join('/')}, history weighs ${t.historyWeightPct}%.`
          : 'No territory plan target yet.'
      }`,
    ),
    actions(button('Change settings', SETTINGS.open)),
    context(`*Admins:* ${admins.map(mention).join(', ') || 'Slack’s workspace owners and admins'} · \`/sko admins\` changes who else is one.`),
  ];
}
