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

/** Only an admin or the SKO lead changes the event's setup; with no admin yet, the first to set up becomes one. */
export function decideChangeSetup(actor: Actor | null, context: { adminExists: boolean; skoLeadMention?: string | undefined }): Decision {
  if (!context.adminExists) return allow;
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead'))) return allow;
  const who = context.skoLeadMention ? `an admin or the SKO lead (${context.skoLeadMention})` : 'an admin or the SKO lead';
  return { allowed: false, reason: `Only ${who} can change the SKO setup. Ask them to make the change, or to make you an admin.` };
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
  return { allowed: false, reason: `Only ${call(subject)} themselves, ${their}, sales leaders and admins can see ${call(subject)}'s ${SALES_DATA_LABEL[what]}.` };
}

/**
 * A team's data is for whoever manages every member of it (`actorOrg`: the actor and everyone
 * below them), and for sales leaders and admins. `teamManager` is the nearest person above them all.
 */
export function decideSeeTeam(actor: SalesActor | null, team: { name: string; memberIds: readonly number[]; teamManager: NamedPerson | null }, actorOrg: ReadonlySet<number>, what: SalesData): Decision {
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
  return { allowed: false, reason: "Only sales leaders and admins set the territory plan's target, over-assignment and ramp. Run `/sko territory` without them to see the plan." };
}
