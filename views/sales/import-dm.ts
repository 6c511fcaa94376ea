import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { formatMoney } from '../../src/domain/money.js';
import type { ReadingChoice } from '../../src/domain/sales/file-conventions.js';
import { IMPORT_KINDS, type ImportKind, parseImportKind } from '../../src/domain/sales/import-formats.js';
import { type DateOrder, type NumberFormat, readingAskedIn } from '../../src/domain/sales/import-values.js';
import { isUserFacing } from '../../src/errors.js';
import { agendaEditDecision, importAgenda } from '../../src/services/agenda/editing.js';
import { importExpenses } from '../../src/services/budget/budget.js';
import { budgetEditDecision } from '../../src/services/budget/editing.js';
import { adminsToAsk, isAdmin } from '../../src/services/people/admins.js';
import { identify } from '../../src/services/people/identity.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { handleIn, whichSko } from '../../src/services/plan/which-sko.js';
import { recordImport } from '../../src/services/sales/data-status.js';
import type { ImportSummary } from '../../src/services/sales/import/import-csv.js';
import { ImportRejected } from '../../src/services/sales/import/staging.js';
import { openSharedFile } from '../../src/services/sales/slack-files.js';
import { surveyFollowsText } from '../agenda/modal.js';
import { actions, button, context, escapeMrkdwn, type SlackMessage, section } from '../kit/blocks.js';
import { plural } from '../kit/format.js';
import { IMPORT_READING } from '../kit/ids.js';
import { sendInDm } from '../kit/private-reply.js';
import { refreshChannelCanvas } from '../plan/canvas.js';
import { skoChoicesText } from '../plan/which-sko-message.js';
import { loadSharedSurvey } from '../surveys/survey-files.js';

const PROBLEMS_SHOWN = 25;

/** "2 rows: 1 new deal and 1 updated", for the DM reply and the command line alike. */
export function importCounts(summary: Pick<ImportSummary, 'rows' | 'created' | 'updated' | 'unit'>): string {
  return `${plural(summary.rows, 'row')}: ${summary.created.toLocaleString('en-US')} new ${summary.created === 1 ? summary.unit.one : summary.unit.many} and ${summary.updated.toLocaleString('en-US')} updated`;
}

/** What was imported from a file shared in the app's DM. */
function buildImportDone(fileName: string, summary: ImportSummary): SlackMessage {
  const line = `:white_check_mark: Imported *${escapeMrkdwn(fileName)}* as ${summary.kind}: ${importCounts(summary)}.`;
  const extra = [...summary.notes, ...(summary.ignoredColumns.length ? [`Ignored columns: ${summary.ignoredColumns.map(escapeMrkdwn).join(', ')}.`] : [])];
  return { text: line.replace(/\*/g, ''), blocks: [section(line), ...(extra.length ? [context(extra.join(' '))] : [])] };
}

/** One shared file's import, as the buttons under a refusal carry it to read the file again. */
interface SharedImport {
  fileId: string;
  fileName: string;
  kind: ImportKind;
  reading: { dateOrder?: DateOrder; numberFormat?: NumberFormat };
}

const CHOICES: Record<ReadingChoice, { label: string; reading: SharedImport['reading'] }[]> = {
  dateOrder: [
    { label: 'Days first (31/01/2026)', reading: { dateOrder: 'DMY' } },
    { label: 'Months first (1/31/2026)', reading: { dateOrder: 'MDY' } },
  ],
  numberFormat: [
    { label: 'Amounts like 1,234.50', reading: { numberFormat: '1,234.50' } },
    { label: 'Amounts like 1.234,50', reading: { numberFormat: '1.234,50' } },
  ],
};

/** Buttons that import the same file again, read the way the person picks; what they picked before is kept. */
function readingButtons(shared: SharedImport, undecided: readonly ReadingChoice[]) {
  const choice = undecided[0];
  if (!choice) return [];
  const buttons = CHOICES[choice].map(({ label, reading }) => {
    const again: SharedImport = { ...shared, fileName: shared.fileName.slice(0, 200), reading: { ...shared.reading, ...reading } };
    return button(label, `${IMPORT_READING.prefix}${Object.values(reading)[0]}`, { value: JSON.stringify(again) });
  });
  return [
    {
      ...section(choice === 'dateOrder' ? 'Or tell me how this file writes its dates:' : 'Or tell me how this file writes its amounts:'),
      block_id: IMPORT_READING.blocks.ask,
    },
    { ...actions(...buttons), block_id: IMPORT_READING.blocks.buttons },
  ];
}

/** Why nothing was imported, with each bad row's line (the header is line 1). */
function buildImportRejected(shared: SharedImport, error: ImportRejected): SlackMessage {
  const fileName = shared.fileName;
  const head = error.fileProblems.length
    ? `:x: Nothing was imported from *${escapeMrkdwn(fileName)}*: it cannot be read as a ${error.kind} file.`
    : `:x: Nothing was imported from *${escapeMrkdwn(fileName)}*: ${error.badRows.toLocaleString('en-US')} ${error.badRows === 1 ? 'row has a problem' : 'rows have problems'}. Fix ${error.badRows === 1 ? 'it' : 'them'} and share the file again.`;
  const lines = [...error.fileProblems, ...error.problems.slice(0, PROBLEMS_SHOWN).map((p) => `line ${p.line}: ${p.reason}`)];
  const more = error.badRows - Math.min(error.problems.length, PROBLEMS_SHOWN);
  const body = `\`\`\`\n${lines.join('\n').replace(/```/g, "'''")}${more > 0 ? `\n…and ${more.toLocaleString('en-US')} more` : ''}\n\`\`\``;
  return { text: head.replace(/\*/g, ''), blocks: [section(head), section(body), ...readingButtons(shared, error.undecided)] };
}

/** Files about the SKO itself rather than sales data: the agenda and the expenses, each checked by who may edit it. */
const EVENT_FILES = ['agenda', 'expenses'] as const;
type EventFile = (typeof EVENT_FILES)[number];
const KINDS_LIST = [...IMPORT_KINDS, ...EVENT_FILES].join(', ');

const eventFileIn = (text: string): EventFile | undefined => EVENT_FILES.find((k) => new RegExp(`\\b${k === 'expenses' ? 'expenses?' : k}\\b`, 'i').test(text));

async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The agenda or the expenses from a CSV shared in the DM: the same checks as the command line, every row or none. */
function importEventFile(deps: Deps, slackUserId: string, kind: EventFile, fileName: string, said: string, csv: string): { reply: string; eventId?: number } {
  // Which SKO: a handle in the message or the file's name, else the person's own.
  const sko = whichSko(deps.db, { slackUserId, handle: handleIn(deps.db, said, fileName) });
  if (sko.kind !== 'found') return { reply: `${skoChoicesText(sko)} Nothing was imported.` };
  const { event } = sko;
  const decision = kind === 'agenda' ? agendaEditDecision(deps.db, slackUserId, event) : budgetEditDecision(deps.db, slackUserId, event);
  if (!decision.allowed) return { reply: `${decision.reason} Nothing was imported.` };
  if (event.archivedAt) return { reply: `${event.name} is archived: its week 12 has ended, so it can be read but not changed. Nothing was imported.` };
  return { reply: importInto(deps, event, slackUserId, kind, fileName, csv), eventId: event.id };
}

function importInto(deps: Deps, event: EventRow, slackUserId: string, kind: EventFile, fileName: string, csv: string): string {
  const name = escapeMrkdwn(fileName);
  if (kind === 'expenses') {
    const { imported, totalCents } = importExpenses(deps.db, event.id, csv);
    recordImport(deps.db, { kind, rows: imported, fileName, by: slackUserId, at: deps.clock.now() });
    return `:white_check_mark: Imported *${name}*: ${plural(imported, 'expense')}, ${formatMoney(totalCents)} in all. \`/sko budget\` shows the budget now.`;
  }
  const { imported, survey } = importAgenda(deps.db, event, csv, deps.clock.now());
  recordImport(deps.db, { kind, rows: imported, fileName, by: slackUserId, at: deps.clock.now() });
  const follows = surveyFollowsText(survey);
  return `:white_check_mark: Imported *${name}*: ${plural(imported, 'session')}.${follows ? ` ${follows}` : ''} \`/sko agenda\` shows the agenda and its design checks now.`;
}

/**
 * A file shared with the app in its DM. A CSV of sales data is imported for admins; the kind comes
 * from the message ("deals") or the file's name (deals-2026.csv). The agenda and the expenses go
 * to whoever may edit them, and a survey's questions (JSON) to whoever edits communications. The
 * reply lands in the same DM.
 */
export function handleFileShareInDm(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (event.subtype !== 'file_share' || event.channel_type !== 'im') return;
    const reply = (message: SlackMessage | string) => sendInDm(deps.slack, event.channel, message);
    await identify(deps, event.user);
    for (const shared of event.files ?? []) {
      const fileName = shared.name ?? 'the file';
      const said = event.text ?? '';
      try {
        if (/\.json$/i.test(fileName) || shared.filetype === 'json') {
          const file = await openSharedFile(deps.slack, shared.id);
          await reply(loadSharedSurvey(deps, event.user, fileName, said, await textOf(file.stream)));
          continue;
        }
        if (!/\.csv$/i.test(fileName) && shared.filetype !== 'csv') {
          await reply(`I can only import CSV files; *${escapeMrkdwn(fileName)}* is not one. Export the report as CSV and share that.`);
          continue;
        }
        const base = fileName.replace(/\.[^.]+$/, '');
        const eventFile = eventFileIn(said) ?? (kindIn(said) ? undefined : eventFileIn(base));
        if (eventFile) {
          const file = await openSharedFile(deps.slack, shared.id);
          const imported = importEventFile(deps, event.user, eventFile, fileName, said, await textOf(file.stream));
          await reply(imported.reply);
          if (eventFile === 'agenda' && imported.eventId !== undefined) await refreshChannelCanvas(deps, imported.eventId);
          continue;
        }
        const kind: ImportKind | undefined = kindIn(said) ?? kindIn(base);
        if (!kind) {
          await reply(`Which data is in *${escapeMrkdwn(fileName)}*? Share it again with one of these words in the message: ${KINDS_LIST}.`);
          continue;
        }
        if (!isAdmin(deps.db, event.user)) {
          const admins = await adminsToAsk(deps.db, deps.slack, deps.clock.now());
          await reply(`Only admins can import sales data${admins.length ? `: ask ${admins.map((id) => `<@${id}>`).join(' or ')}` : ''}. Nothing was imported.`);
          continue;
        }
        await importShared(deps, event.user, reply, { fileId: shared.id, fileName, kind, reading: readingAskedIn(said) });
      } catch (error) {
        if (isUserFacing(error)) await reply(error.message);
        else {
          deps.logger.error(`import of ${fileName} from ${event.user} failed:`, error);
          await reply(`Something went wrong importing *${escapeMrkdwn(fileName)}*; nothing was imported. It has been logged; try again in a minute.`);
        }
      }
    }
  };
}

async function importShared(deps: Deps, userId: string, reply: (message: SlackMessage | string) => Promise<void>, shared: SharedImport): Promise<void> {
  try {
    const file = await openSharedFile(deps.slack, shared.fileId);
    const summary = await deps.agents.importFile(shared.kind, file.stream, shared.reading);
    recordImport(deps.db, { kind: shared.kind, rows: summary.rows, fileName: shared.fileName, by: userId, at: deps.clock.now() });
    await reply(buildImportDone(shared.fileName, summary));
  } catch (error) {
    if (error instanceof ImportRejected) await reply(buildImportRejected(shared, error));
    else if (isUserFacing(error)) await reply(error.message);
    else {
      deps.logger.error(`import of ${shared.fileName} from ${userId} failed:`, error);
      await reply(`Something went wrong importing *${escapeMrkdwn(shared.fileName)}*; nothing was imported. It has been logged; try again in a minute.`);
    }
  }
}

/** A button under a refused import: the same file, read as the admin chose; the refusal's buttons go so it is chosen once. */
export function handleReadingChoice(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const dm = body.channel?.id;
    if (!dm?.startsWith('D') || !isAdmin(deps.db, body.user.id)) return;
    const shared = JSON.parse(action.value ?? '{}') as SharedImport;
    const asking: string[] = Object.values(IMPORT_READING.blocks);
    const blocks = (body.message?.blocks ?? []).filter((b: { block_id?: string }) => !asking.includes(b.block_id ?? ''));
    await respond({ replace_original: true, text: body.message?.text ?? 'Import', blocks: [...blocks, context(`Reading it again: ${action.text.text}.`)] });
    await importShared(deps, body.user.id, (message) => sendInDm(deps.slack, dm, message), shared);
  };
}

/** The first word of the text that names an import kind ("comp plans" too). */
function kindIn(text: string): ImportKind | undefined {
  const words = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i += 1) {
    const kind = parseImportKind(`${words[i]}-${words[i + 1] ?? ''}`) ?? parseImportKind(words[i] as string);
    if (kind) return kind;
  }
  return undefined;
}
