/**
 * How the demo's content gets approved (issue 20): in week 8 the content lead puts each session's
 * deck up for approval, except every ninth, still being written; a sales leader approves them two
 * days later but asks for changes to the second of every seven, which is fixed and approved in week 9.
 */
import type { Db } from '../../db/client.js';
import { needsApproval } from '../domain/content/approval.js';
import { type ContentItem, contentOf, decideContent, submitContent } from '../services/content/approval.js';
import { loadPlan, timelineOf } from '../services/plan/event-store.js';
import type { DemoLife, Step } from './living.js';

const HOUR = 3_600_000;

export function contentApprovalSteps(db: Db, life: DemoLife): Step[] {
  const weeks = timelineOf(life.event).weeks;
  const week8 = weeks[7]?.startsAt;
  const week9 = weeks[8]?.startsAt;
  if (!week8 || !week9) return [];
  const holders = loadPlan(db, life.event).holders;
  const idOf = (role: string) => holders.find((h) => h.role === role)?.person.slackUserId ?? null;
  const owner = idOf('content_lead') ?? idOf('sko_lead');
  const leader = idOf('sales_leader') ?? idOf('sko_lead');
  if (!owner || !leader) return [];
  // Read when each step runs: the agenda is put together while the weeks go by.
  const sessions = () => contentOf(db, life.event.id).filter(needsApproval);
  const sendBack = (i: number) => i % 7 === 1;
  const submit = (which: (item: ContentItem, i: number) => boolean, at: Date) => () =>
    sessions().forEach((item, i) => {
      if (which(item, i)) submitContent(db, item.sessionId, owner, `https://content.example.com/sko/${item.sessionId}/v${item.round + 1}`, at);
    });
  const answer = (at: Date) => () =>
    sessions().forEach((item, i) => {
      if (item.state !== 'submitted') return;
      const decision =
        sendBack(i) && item.round === 1
          ? { kind: 'changes' as const, note: 'Open with a customer story, and cut the pricing slides.' }
          : { kind: 'approve' as const };
      decideContent(db, item.sessionId, item.round, leader, decision, at);
    });
  const at = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);
  return [
    { at: at(week8, 34), run: submit((item, i) => item.state === 'draft' && i % 9 !== 8, at(week8, 34)) },
    { at: at(week8, 82), run: answer(at(week8, 82)) },
    { at: at(week9, 34), run: submit((item) => item.state === 'changes-requested', at(week9, 34)) },
    { at: at(week9, 58), run: answer(at(week9, 58)) },
  ];
}
