import { describe, expect, it } from 'vitest';
import {
  type Actor,
  decideCertificationScope,
  decideChangeSetup,
  decideDigestScope,
  decideDraftBrief,
  decideEditAgenda,
  decideEditBudget,
  decideEditCommunications,
  decideManageAdmins,
  decideReassign,
  decideRecordMaterials,
  decideSeeCommunications,
  decideSeeDeliveryProblems,
  decideSeePerson,
  decideSeeSurveyResults,
  decideSeeTeam,
  decideSetTerritoryPlan,
  decideTaskChange,
  defaultSalesScope,
  type NamedPerson,
} from '../../src/domain/access.js';
import type { EventRole } from '../../src/domain/roles.js';

const actor = (role: Actor['role'], eventRoles: EventRole[] = [], personId = 1): Actor => ({ personId, role, eventRoles });

/** Everyone an access rule has to tell apart: each people role, and a rep holding each event role. */
const CAST: Record<string, Actor> = {
  admin: actor('admin'),
  leader: actor('leader'),
  manager: actor('manager'),
  rep: actor('rep'),
  guest: actor('guest'),
  'sko lead': actor('rep', ['sko_lead']),
  'content lead': actor('rep', ['content_lead']),
  'logistics lead': actor('rep', ['logistics_lead']),
  'communications lead': actor('rep', ['communications_lead']),
  'technology lead': actor('rep', ['technology_lead']),
  'sales leader (event role)': actor('rep', ['sales_leader']),
};

/** Who of the cast a rule lets through. */
function allowedBy(decide: (a: Actor | null) => { allowed: boolean }): string[] {
  return Object.entries(CAST)
    .filter(([, a]) => decide(a).allowed)
    .map(([who]) => who);
}

describe('event permissions, role by role', () => {
  it('session materials: the content lead, the SKO lead and admins', () => {
    expect(allowedBy(decideRecordMaterials)).toEqual(['admin', 'sko lead', 'content lead']);
    expect(decideRecordMaterials(null)).toEqual({
      allowed: false,
      reason: 'Only the content lead, the SKO lead or an admin can record and post session materials. Send them the link.',
    });
  });

  it('reassigning tasks and seeing delivery problems: the SKO lead and admins', () => {
    expect(allowedBy((a) => decideReassign(a))).toEqual(['admin', 'sko lead']);
    expect(allowedBy(decideSeeDeliveryProblems)).toEqual(['admin', 'sko lead']);
    expect(decideReassign(null)).toEqual({ allowed: false, reason: 'Only the SKO lead or an admin can reassign tasks.' });
    expect(decideReassign(CAST.rep as Actor, { skoLeadMention: '<@ULEAD>' })).toEqual({
      allowed: false,
      reason: 'Only the SKO lead or an admin can reassign tasks. Ask <@ULEAD> to do it.',
    });
    expect(decideSeeDeliveryProblems(null)).toEqual({ allowed: false, reason: 'Delivery problems are shown to the SKO lead and admins.' });
  });

  it('the communications calendar: edited by its lead, the SKO lead and admins; also read by leaders', () => {
    expect(allowedBy(decideEditCommunications)).toEqual(['admin', 'sko lead', 'communications lead']);
    expect(allowedBy(decideSeeCommunications)).toEqual(['admin', 'leader', 'sko lead', 'communications lead']);
    expect(decideEditCommunications(null)).toEqual({
      allowed: false,
      reason: 'Only the communications lead, the SKO lead or an admin can change the communications calendar.',
    });
    expect(decideSeeCommunications(null)).toEqual({
      allowed: false,
      reason: 'The communications calendar is shown to the communications lead, the SKO lead, sales leaders and admins.',
    });
  });

  it('the budget: the logistics lead, the SKO lead and admins', () => {
    expect(allowedBy(decideEditBudget)).toEqual(['admin', 'sko lead', 'logistics lead']);
    expect(decideEditBudget(null)).toEqual({
      allowed: false,
      reason: 'Only the logistics lead, the SKO lead or an admin can record expenses and change the budget split. Send them the invoice or the figure.',
    });
  });

  it('the agenda: the content lead, the SKO lead and admins', () => {
    expect(allowedBy(decideEditAgenda)).toEqual(['admin', 'sko lead', 'content lead']);
    expect(decideEditAgenda(null)).toEqual({
      allowed: false,
      reason: 'Only the content lead, the SKO lead or an admin can add sessions to the agenda. Send them the session.',
    });
  });

  it('survey results: leaders (by people or event role), admins and the SKO lead', () => {
    expect(allowedBy(decideSeeSurveyResults)).toEqual(['admin', 'leader', 'sko lead', 'sales leader (event role)']);
    expect(decideSeeSurveyResults(null)).toEqual({ allowed: false, reason: 'Survey results are shown to sales leaders, admins and the SKO lead.' });
  });

  it('the digest: the whole event for leaders, admins and the SKO lead, an organisation for managers, counts for the rest', () => {
    const scopes = Object.fromEntries(Object.entries(CAST).map(([who, a]) => [who, decideDigestScope(a)]));
    expect(scopes).toMatchObject({ admin: 'event', leader: 'event', 'sko lead': 'event', manager: 'organisation', rep: 'aggregate', guest: 'aggregate' });
    expect(decideDigestScope(actor('manager', ['sko_lead']))).toBe('event');
  });

  it('certification results: everyone for those who own the training or lead, an organisation for anyone with reports, else oneself', () => {
    const scope = (a: Actor | null, hasReports: boolean) => decideCertificationScope(a, { hasReports });
    expect(
      Object.entries(CAST)
        .filter(([, a]) => scope(a, false) === 'event')
        .map(([who]) => who),
    ).toEqual(['admin', 'leader', 'sko lead', 'content lead', 'sales leader (event role)']);
    expect(scope(CAST.manager as Actor, true)).toBe('organisation');
    expect(scope(CAST.rep as Actor, false)).toBe('self');
    expect(scope(null, true)).toBe('self');
  });
});

describe('changing the setup', () => {
  it('is never open to whoever comes first: with no SKO, only admins set it up, and the refusal names them', () => {
    expect(allowedBy((a) => decideChangeSetup(a, { eventExists: false, adminMentions: [] }))).toEqual(['admin', 'sko lead']);
    expect(decideChangeSetup(CAST.rep as Actor, { eventExists: false, adminMentions: ['<@UOWNER>', '<@UADMIN>'] })).toEqual({
      allowed: false,
      reason: 'Only an admin (<@UOWNER>, <@UADMIN>) can set up the SKO: a Slack workspace owner or admin, or someone they make an admin here.',
    });
    expect(decideChangeSetup(null, { eventExists: false, adminMentions: [] })).toEqual({
      allowed: false,
      reason: 'Only an admin can set up the SKO: a Slack workspace owner or admin, or someone they make an admin here.',
    });
  });

  it('then belongs to admins and the SKO lead, and the refusal names the lead when known', () => {
    expect(allowedBy((a) => decideChangeSetup(a, { eventExists: true, adminMentions: [] }))).toEqual(['admin', 'sko lead']);
    expect(decideChangeSetup(null, { eventExists: true, adminMentions: [] })).toEqual({
      allowed: false,
      reason: 'Only an admin or the SKO lead can change the SKO setup. Ask them to make the change, or to make you an admin.',
    });
    expect(decideChangeSetup(CAST.rep as Actor, { eventExists: true, skoLeadMention: '<@ULEAD>', adminMentions: [] })).toEqual({
      allowed: false,
      reason: 'Only an admin or the SKO lead (<@ULEAD>) can change the SKO setup. Ask them to make the change, or to make you an admin.',
    });
  });
});

describe('drafting the committee pack and the FY review outline', () => {
  it('belongs to admins, sales leaders, the SKO lead and the content lead', () => {
    expect(allowedBy(decideDraftBrief)).toEqual(['admin', 'leader', 'sko lead', 'content lead', 'sales leader (event role)']);
    expect(decideDraftBrief(null).allowed).toBe(false);
  });
});

describe('choosing who else is an admin', () => {
  it('belongs to admins alone', () => {
    expect(allowedBy(decideManageAdmins)).toEqual(['admin']);
    expect(decideManageAdmins(null).allowed).toBe(false);
  });
});

describe('marking a task done', () => {
  const task = { title: 'Book the venue', ownerPersonId: 7 };

  it('is for its owner, the SKO lead and admins', () => {
    expect(decideTaskChange(actor('guest', [], 7), task)).toEqual({ allowed: true });
    expect(allowedBy((a) => decideTaskChange(a, task))).toEqual(['admin', 'sko lead']);
  });

  it('says who may, naming the owner when known; an unowned task is nobody’s to claim', () => {
    expect(decideTaskChange(actor('rep', [], 8), { ...task, ownerMention: '<@UOWN>' })).toEqual({
      allowed: false,
      reason: 'Only its owner (<@UOWN>), the SKO lead or an admin can mark “Book the venue” done or reopen it.',
    });
    expect(decideTaskChange(null, task)).toEqual({
      allowed: false,
      reason: 'Only its owner, the SKO lead or an admin can mark “Book the venue” done or reopen it.',
    });
    expect(decideTaskChange(actor('rep', [], 7), { ...task, ownerPersonId: null }).allowed).toBe(false);
  });
});

describe('sales data', () => {
  const ann: NamedPerson = { personId: 5, name: 'Ann Lee', slackUserId: 'UANN' };
  const mia: NamedPerson = { personId: 3, name: 'Mia Ward', slackUserId: 'UMIA' };
  const lena: NamedPerson = { personId: 2, name: 'Lena Ortiz', slackUserId: null };
  const zed: NamedPerson = { personId: 1, name: 'Zed', slackUserId: 'UZED' };
  const om: NamedPerson = { personId: 9, name: 'Om', slackUserId: 'UOM' };
  const sales = (personId: number, role: Actor['role']) => ({ personId, role });

  it('a rep’s figures: the rep, anyone up their reporting line, leaders and admins', () => {
    const line = [mia, lena];
    expect(decideSeePerson(sales(5, 'rep'), ann, line, 'performance')).toEqual({ allowed: true });
    expect(decideSeePerson(sales(2, 'manager'), ann, line, 'performance')).toEqual({ allowed: true });
    expect(decideSeePerson(sales(8, 'leader'), ann, line, 'comp')).toEqual({ allowed: true });
    expect(decideSeePerson(sales(8, 'admin'), ann, line, 'comp')).toEqual({ allowed: true });
    expect(decideSeePerson(sales(8, 'manager'), ann, line, 'territory')).toEqual({
      allowed: false,
      reason: "Only <@UANN> themselves, their managers (<@UMIA>, Lena Ortiz), sales leaders and admins can see <@UANN>'s territory and quota.",
    });
  });

  it('the refusal names at most three managers, one in the singular, and none when there is no line', () => {
    const refusal = (line: NamedPerson[]) => decideSeePerson(sales(8, 'rep'), ann, line, 'comp');
    expect(refusal([mia, lena, zed, om])).toEqual({
      allowed: false,
      reason: "Only <@UANN> themselves, their managers (<@UMIA>, Lena Ortiz, <@UZED>), sales leaders and admins can see <@UANN>'s comp plan and earnings.",
    });
    expect(refusal([mia])).toEqual({
      allowed: false,
      reason: "Only <@UANN> themselves, their manager (<@UMIA>), sales leaders and admins can see <@UANN>'s comp plan and earnings.",
    });
    expect(refusal([])).toEqual({
      allowed: false,
      reason: "Only <@UANN> themselves, their manager, sales leaders and admins can see <@UANN>'s comp plan and earnings.",
    });
  });

  it('someone not in the sales data is told how to get in', () => {
    expect(decideSeePerson(null, ann, [], 'performance')).toEqual({
      allowed: false,
      reason:
        "I can't find you in the sales data, so I can't show you any performance. An admin adds you with the people CSV (your email, and your slack_user_id).",
    });
    expect(decideSeeTeam(null, { name: 'East', memberIds: [5], teamManager: null }, new Set(), 'territory')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('any territory and quota.'),
    });
  });

  it('a team’s figures: whoever manages every member, leaders and admins; an empty team is nobody’s', () => {
    const east = { name: 'East', memberIds: [5, 6], teamManager: mia };
    expect(decideSeeTeam(sales(3, 'manager'), east, new Set([3, 5, 6]), 'performance')).toEqual({ allowed: true });
    expect(decideSeeTeam(sales(1, 'leader'), east, new Set([1]), 'performance')).toEqual({ allowed: true });
    expect(decideSeeTeam(sales(1, 'admin'), east, new Set([1]), 'performance')).toEqual({ allowed: true });
    expect(decideSeeTeam(sales(3, 'manager'), east, new Set([3, 5]), 'performance')).toEqual({
      allowed: false,
      reason: "Only East's manager (<@UMIA>), sales leaders and admins can see East's performance.",
    });
    expect(decideSeeTeam(sales(3, 'manager'), { name: 'Nobody', memberIds: [], teamManager: null }, new Set([3]), 'performance')).toEqual({
      allowed: false,
      reason: "Only Nobody's manager, sales leaders and admins can see Nobody's performance.",
    });
  });

  it('with no one named: the company for leaders and admins, an organisation for managers, else oneself', () => {
    expect(defaultSalesScope(sales(1, 'leader'), false)).toBe('company');
    expect(defaultSalesScope(sales(1, 'admin'), true)).toBe('company');
    expect(defaultSalesScope(sales(1, 'manager'), true)).toBe('organisation');
    expect(defaultSalesScope(sales(1, 'rep'), false)).toBe('self');
  });

  it('the territory plan’s levers are set by leaders and admins only', () => {
    expect(decideSetTerritoryPlan(sales(1, 'leader'))).toEqual({ allowed: true });
    expect(decideSetTerritoryPlan(sales(1, 'admin'))).toEqual({ allowed: true });
    for (const a of [sales(1, 'manager'), null])
      expect(decideSetTerritoryPlan(a)).toEqual({
        allowed: false,
        reason: "Only sales leaders and admins set the territory plan's target, over-assignment and ramp. Run `/sko territory` without them to see the plan.",
      });
  });
});
