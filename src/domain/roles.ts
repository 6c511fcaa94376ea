/** Event roles (seed 000, "Key Roles") and people roles (PRODUCT §3). */
export const LEAD_ROLES = ['sko_lead', 'content_lead', 'logistics_lead', 'communications_lead', 'technology_lead'] as const;
export type LeadRole = (typeof LEAD_ROLES)[number];

export const EVENT_ROLES = [...LEAD_ROLES, 'sales_leader'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export const EVENT_ROLE_LABELS: Record<EventRole, string> = {
  sko_lead: 'SKO lead',
  content_lead: 'Content lead',
  logistics_lead: 'Logistics lead',
  communications_lead: 'Communications lead',
  technology_lead: 'Technology lead',
  sales_leader: 'Sales leader',
};

export const PEOPLE_ROLES = ['admin', 'leader', 'manager', 'rep', 'guest'] as const;
export type PeopleRole = (typeof PEOPLE_ROLES)[number];

export function isEventRole(value: string): value is EventRole {
  return (EVENT_ROLES as readonly string[]).includes(value);
}

/** The role as it reads mid-sentence: "the content lead", "the SKO lead". */
export function roleInSentence(role: EventRole): string {
  return EVENT_ROLE_LABELS[role].replace(/^[A-Z][a-z]/, (start) => start.toLowerCase());
}

/** Least to most privileged; a person met in Slack and then imported keeps the stronger of their two roles. */
const PRIVILEGE: readonly PeopleRole[] = ['guest', 'rep', 'manager', 'leader', 'admin'];

export function strongerRole(a: PeopleRole, b: PeopleRole): PeopleRole {
  return PRIVILEGE.indexOf(a) >= PRIVILEGE.indexOf(b) ? a : b;
}
