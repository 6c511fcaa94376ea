import type { EventRole, PeopleRole } from './roles.js';

/**
 * The access rules of PRODUCT §3, in one place. Pure: callers load the actor, these decide.
 */
export interface Actor {
  personId: number;
  role: PeopleRole;
  eventRoles: readonly EventRole[];
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };

/**
 * Only an admin or the SKO lead sets the SKO up or changes it. Admins are Slack's workspace owners
 * and admins and the people they make admins; being first to ask makes nobody an admin.
 */
export function decideChangeSetup(
  actor: Actor | null,
  context: { eventExists: boolean; skoLeadMention?: string | undefined; adminMentions: readonly string[] },
): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead'))) return allow;
  const admins = context.adminMentions.length ? ` (${context.adminMentions.join(', ')})` : '';
  if (!context.eventExists) {
    return { allowed: false, reason: `Only an admin${admins} can set up the SKO: a Slack workspace owner or admin, or someone they make an admin here.` };
  }
  const who = context.skoLeadMention ? `an admin or the SKO lead (${context.skoLeadMention})` : 'an admin or the SKO lead';
  return { allowed: false, reason: `Only ${who} can change the SKO setup. Ask them to make the change, or to make you an admin.` };
}

/** Who may say who else is an admin: admins only (a workspace owner or admin, or someone already made one). */
export function decideManageAdmins(actor: Actor | null): Decision {
  if (actor?.role === 'admin') return allow;
  return { allowed: false, reason: 'Only admins can choose who else is an admin: a Slack workspace owner or admin, or someone already made an admin here.' };
}

/** An action item is changed by its owner, its creator, the SKO lead, an admin or a leader (issue 5). */
export function decideChangeActionItem(actor: Actor, item: { ownerPersonId: number; creatorPersonId: number; ownerMention?: string | undefined }): Decision {
  if (actor.personId === item.ownerPersonId || actor.personId === item.creatorPersonId) return allow;
  if (seesEveryActionItem(actor)) return allow;
  const owner = item.ownerMention ? `its owner (${item.ownerMention})` : 'its owner';
  return {
    allowed: false,
    reason: `Only ${owner}, the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.`,
  };
}

/**
 * Who sees an action item: its owner and creator, the owner's managers (directly or transitively,
 * so post-event commitments reach the people who coach them), the SKO lead, admins and leaders.
 */
export function decideSeeActionItem(actor: Actor, item: { ownerPersonId: number; creatorPersonId: number }, context: { managesOwner: boolean }): Decision {
  if (actor.personId === item.ownerPersonId || actor.personId === item.creatorPersonId || context.managesOwner) return allow;
  if (seesEveryActionItem(actor)) return allow;
  return { allowed: false, reason: 'You can see your own action items, the ones you created, and those of people who report to you.' };
}

/** The SKO lead, admins and leaders see (and may change) every action item of the event. */
export function seesEveryActionItem(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.includes('sko_lead');
}

/** Who left the company after the SKO is named to sales leaders and admins only; others see the count. */
export function seesLeavers(actor: Actor | null): boolean {
  return actor?.role === 'admin' || actor?.role === 'leader';
}

const isAdminOrSkoLead = (actor: Actor | null): actor is Actor => actor !== null && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead'));

/** The session materials and recordings are recorded and posted by the content lead, the SKO lead and admins. */
export function decideRecordMaterials(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead'))) return allow;
  return { allowed: false, reason: 'Only the content lead, the SKO lead or an admin can record and post session materials. Send them the link.' };
}

/** Marking a task done (or undoing it): its owner, the SKO lead and admins. */
export function decideTaskChange(actor: Actor | null, task: { title: string; ownerPersonId: number | null; ownerMention?: string | undefined }): Decision {
  if (actor && task.ownerPersonId !== null && actor.personId === task.ownerPersonId) return allow;
  if (isAdminOrSkoLead(actor)) return allow;
  const owner = task.ownerMention ? `its owner (${task.ownerMention})` : 'its owner';
  return { allowed: false, reason: `Only ${owner}, the SKO lead or an admin can mark “${task.title}” done or reopen it.` };
}

/** Giving a task to someone else: the SKO lead and admins, who answer for the plan as a whole. */
export function decideReassign(actor: Actor | null, context: { skoLeadMention?: string | undefined } = {}): Decision {
  if (isAdminOrSkoLead(actor)) return allow;
  const lead = context.skoLeadMention ? ` Ask ${context.skoLeadMention} to do it.` : '';
  return { allowed: false, reason: `Only the SKO lead or an admin can reassign tasks.${lead}` };
}

/** An SKO's lessons learned are written by those who ran it: anyone holding one of its roles, and admins. */
export function decideCaptureLessons(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.length > 0)) return allow;
  return {
    allowed: false,
    reason:
      "Only the SKO's leads (the SKO lead, the content, logistics, communications and technology leads, its sales leaders) and admins capture its lessons learned. Send them yours.",
  };
}

/** Who did not get which message, and why: the SKO lead and admins, who can fix it. */
export function decideSeeDeliveryProblems(actor: Actor | null): Decision {
  return isAdminOrSkoLead(actor) ? allow : { allowed: false, reason: 'Delivery problems are shown to the SKO lead and admins.' };
}

/** The sales data the agents show, by who may see it (PRODUCT §3). */
export type SalesData = 'performance' | 'territory' | 'comp';

const SALES_DATA_LABEL: Record<SalesData, string> = {
  performance: 'performance',
  territory: 'territory and quota',
  comp: 'comp plan and earnings',
};

/** Someone named in a decision: the refusal says who may see the data. */
export interface NamedPerson {
  personId: number;
  name: string;
  slackUserId: string | null;
}

export interface SalesActor {
  personId: number;
  role: PeopleRole;
}

const sees = (actor: SalesActor) => actor.role === 'admin' || actor.role === 'leader';
const call = (p: NamedPerson) => (p.slackUserId ? `<@${p.slackUserId}>` : p.name);

export function notInSalesData(what: SalesData): Decision {
  return {
    allowed: false,
    reason: `I can't find you in the sales data, so I can't show you any ${SALES_DATA_LABEL[what]}. An admin adds you with the people CSV (your email, and your slack_user_id).`,
  };
}

/**
 * A rep sees their own data; anyone above them in the reporting line sees it too; sales leaders
 * and admins see everyone's. `managers` is the subject's reporting line, nearest first.
 */
export function decideSeePerson(actor: SalesActor | null, subject: NamedPerson, managers: readonly NamedPerson[], what: SalesData): Decision {
  if (!actor) return notInSalesData(what);
  if (sees(actor) || actor.personId === subject.personId || managers.some((m) => m.personId === actor.personId)) return allow;
  const line = managers.slice(0, 3).map(call);
  const their = line.length ? `their manager${line.length > 1 ? 's' : ''} (${line.join(', ')})` : 'their manager';
  return {
    allowed: false,
    reason: `Only ${call(subject)} themselves, ${their}, sales leaders and admins can see ${call(subject)}'s ${SALES_DATA_LABEL[what]}.`,
  };
}

/**
 * A team's data is for whoever manages every member of it (`actorOrg`: the actor and everyone
 * below them), and for sales leaders and admins. `teamManager` is the nearest person above them all.
 */
export function decideSeeTeam(
  actor: SalesActor | null,
  team: { name: string; memberIds: readonly number[]; teamManager: NamedPerson | null },
  actorOrg: ReadonlySet<number>,
  what: SalesData,
): Decision {
  if (!actor) return notInSalesData(what);
  if (sees(actor) || (team.memberIds.length > 0 && team.memberIds.every((id) => actorOrg.has(id)))) return allow;
  const manager = team.teamManager ? `${team.name}'s manager (${call(team.teamManager)})` : `${team.name}'s manager`;
  return { allowed: false, reason: `Only ${manager}, sales leaders and admins can see ${team.name}'s ${SALES_DATA_LABEL[what]}.` };
}

/** With no one named: leaders and admins see the company, a manager their organisation, anyone else themselves. */
export function defaultSalesScope(actor: SalesActor, hasReports: boolean): 'company' | 'organisation' | 'self' {
  if (sees(actor)) return 'company';
  return hasReports ? 'organisation' : 'self';
}

/** The territory plan's target, over-assignment and ramp are set by sales leaders and admins. */
export function decideSetTerritoryPlan(actor: SalesActor | null): Decision {
  if (actor && sees(actor)) return allow;
  return {
    allowed: false,
    reason: "Only sales leaders and admins set the territory plan's target, over-assignment and ramp. Run `/sko territory` without them to see the plan.",
  };
}

/** The communications calendar (times, texts, cancelling, the quiz): the communications lead, the SKO lead and admins. */
export function decideEditCommunications(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead') || actor.eventRoles.includes('communications_lead'))) return allow;
  return { allowed: false, reason: 'Only the communications lead, the SKO lead or an admin can change the communications calendar.' };
}

/** The budget's split and its expenses: the logistics lead (seed 000: "Venue, travel, catering, materials"), the SKO lead and admins. */
export function decideEditBudget(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'logistics_lead'))) return allow;
  return {
    allowed: false,
    reason: 'Only the logistics lead, the SKO lead or an admin can record expenses and change the budget split. Send them the invoice or the figure.',
  };
}

/** The agenda's sessions: the content lead (seed 000: "Agenda and session coordination"), the SKO lead and admins. */
export function decideEditAgenda(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead'))) return allow;
  return { allowed: false, reason: 'Only the content lead, the SKO lead or an admin can add sessions to the agenda. Send them the session.' };
}

/** Reading the calendar and its delivery counts: those who may change it, and leaders. */
export function decideSeeCommunications(actor: Actor | null): Decision {
  if (decideEditCommunications(actor).allowed || actor?.role === 'leader') return allow;
  return { allowed: false, reason: 'The communications calendar is shown to the communications lead, the SKO lead, sales leaders and admins.' };
}

/** Survey results: leaders, admins and the SKO lead; anonymous surveys reach them only in aggregate. */
export function decideSeeSurveyResults(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.includes('sko_lead') || actor.eventRoles.includes('sales_leader')))
    return allow;
  return { allowed: false, reason: 'Survey results are shown to sales leaders, admins and the SKO lead.' };
}

/**
 * How much of the weekly digest a reader sees (PRODUCT §3): sales leaders, admins and the SKO lead
 * see the whole event, including who is behind; a manager sees figures about people only for their
 * own organisation; anyone else sees event-wide counts and nobody's name. Delivery failures follow
 * decideSeeDeliveryProblems.
 */
export function decideDigestScope(actor: Actor): 'event' | 'organisation' | 'aggregate' {
  if (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.includes('sko_lead')) return 'event';
  if (actor.role === 'manager') return 'organisation';
  return 'aggregate';
}

/**
 * How much of the certification tracking a reader sees: who passed and who failed is performance
 * data about people. Sales leaders, admins, the SKO lead and the content lead (who owns the
 * training) see everyone; someone with people reporting to them sees their organisation; anyone
 * else sees their own result. Everyone gets the event-wide pass rate.
 */
export function decideCertificationScope(actor: Actor | null, context: { hasReports: boolean }): 'event' | 'organisation' | 'self' {
  if (
    actor &&
    (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead' || r === 'sales_leader'))
  )
    return 'event';
  return actor && context.hasReports ? 'organisation' : 'self';
}

/** The CRM sync's state (what it changed, why it refused) is for admins, who import the sales data. */
export function decideSeeCrmSync(actor: Actor | null): Decision {
  return actor?.role === 'admin' ? allow : { allowed: false, reason: 'Only admins see the CRM sync.' };
}

/** The planning committee pack and the FY review outline: drafted for the SKO lead, the content lead, sales leaders and admins. */
export function decideDraftBrief(actor: Actor | null): Decision {
  if (
    actor &&
    (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead' || r === 'sales_leader'))
  )
    return allow;
  return { allowed: false, reason: 'Only the SKO lead, the content lead, sales leaders and admins can draft the committee pack or the FY review outline.' };
}

/** Who a person is, for listing the commands meant for them first: everyone, event leads, sales leaders and managers, admins. */
export type Audience = 'everyone' | 'event-lead' | 'sales-leader' | 'admin';

export function audiencesOf(actor: Actor | null): Set<Audience> {
  const audiences = new Set<Audience>(['everyone']);
  if (!actor) return audiences;
  if (actor.role === 'admin') audiences.add('admin').add('event-lead').add('sales-leader');
  if (actor.role === 'leader' || actor.role === 'manager' || actor.eventRoles.includes('sales_leader')) audiences.add('sales-leader');
  if (actor.eventRoles.some((r) => r !== 'sales_leader')) audiences.add('event-lead');
  return audiences;
}

/** The workspace's settings (fiscal calendar, territory plan): admins only. The SKO's working hours and holidays: decideSetDeliveryRules. */
export function decideChangeSettings(actor: Actor | null): Decision {
  if (actor?.role === 'admin') return allow;
  return {
    allowed: false,
    reason:
      'Only admins change the settings: a Slack workspace owner or admin, or someone they made an admin here. The SKO lead can change the working hours and holidays.',
  };
}

/** The SKO's working hours and holiday calendar, which hold its DMs back: the SKO lead and admins. */
export function decideSetDeliveryRules(actor: Actor | null): Decision {
  if (isAdminOrSkoLead(actor)) return allow;
  return { allowed: false, reason: 'Only the SKO lead or an admin can change the working hours and holidays.' };
}

/** Marking sessions started or ended and moving the rest of a day: those who run the agenda. */
export function decideRunTheShow(actor: Actor | null): Decision {
  if (decideEditAgenda(actor).allowed) return allow;
  return { allowed: false, reason: 'Only the content lead, the SKO lead or an admin can mark sessions started or ended.' };
}

/**
 * Everyone's travel details (dietary and accessibility needs among them), their counts and the
 * cut-off: the logistics lead, who books rooms and meals, and admins. Each person sees their own.
 */
export function decideSeeTravelDetails(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('logistics_lead'))) return allow;
  return { allowed: false, reason: 'Everyone’s travel details, with their dietary and accessibility needs, are seen by the logistics lead and admins only.' };
}

/** Checking other people in at the event (issue 20): the logistics lead runs the door, with the SKO lead and admins. */
export function decideCheckInOthers(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'logistics_lead'))) return allow;
  return {
    allowed: false,
    reason: "Only the logistics lead, the SKO lead or an admin can check people in. To check yourself in, click I'm here on the morning's agenda.",
  };
}

/** Marking a live question answered: the session's speaker, the content lead, the SKO lead and admins. */
export function decideMarkAnswered(actor: Actor | null, context: { speaksInSession: boolean }): Decision {
  if (context.speaksInSession || (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead')))) return allow;
  return { allowed: false, reason: "Only the session's speaker or the content lead can mark a question answered." };
}
