import type { Db } from '../../db/client.js';
import { people } from '../../db/schema.js';
import type { PeopleRole } from '../domain/roles.js';

/** The demo's survey key: fixed and public, so it must never be used outside the demo's own database. */
export const DEMO_SURVEY_KEY = 'demo-only-survey-key-not-a-secret';

/** A made-up company for the demo: named role holders, four teams with a manager and reps each. */
export interface DemoCompany {
  name: string;
  channel: { id: string; name: string };
  emeaChannel: { id: string; name: string };
  leads: { sko: string; content: string; logistics: string; communications: string; technology: string };
  salesLeaders: string[];
}

interface DemoPerson {
  slackUserId: string;
  name: string;
  role: PeopleRole;
  title: string;
  team?: string;
  region?: string;
  managerSlackId?: string;
}

const STAFF: DemoPerson[] = [
  { slackUserId: 'UDEMO0001', name: 'Dana Whitfield', role: 'admin', title: 'Director of Revenue Operations' },
  { slackUserId: 'UDEMO0002', name: 'Elena García', role: 'leader', title: 'Chief Revenue Officer' },
  { slackUserId: 'UDEMO0003', name: 'James Okoro', role: 'leader', title: 'VP Sales, Americas' },
  { slackUserId: 'UDEMO0004', name: 'Priya Raman', role: 'guest', title: 'Sales Enablement Lead' },
  { slackUserId: 'UDEMO0005', name: 'Marco Bellini', role: 'guest', title: 'Events Manager' },
  { slackUserId: 'UDEMO0006', name: 'Aisha Mensah', role: 'guest', title: 'Internal Communications' },
  { slackUserId: 'UDEMO0007', name: 'Tom Becker', role: 'guest', title: 'Sales Systems Engineer' },
];

const TEAMS = [
  {
    team: 'Enterprise East',
    region: 'Americas',
    manager: 'Grace Liu',
    reps: ['Owen Park', 'Sofia Rossi', 'Liam Walsh', 'Nora Haddad', 'Ethan Cole', 'Maya Singh'],
  },
  {
    team: 'Enterprise West',
    region: 'Americas',
    manager: 'Victor Hale',
    reps: ['Chloe Martin', 'Diego Ramos', 'Hannah Kim', 'Isaac Novak', 'Zoe Adams', 'Ravi Patel'],
  },
  {
    team: 'Mid-Market',
    region: 'EMEA',
    manager: 'Ingrid Larsen',
    reps: ['Lucas Meyer', 'Amelie Dubois', 'Jonas Berg', 'Fatima Zahra', 'Pieter de Vries', 'Elif Kaya'],
  },
  { team: 'Commercial', region: 'APAC', manager: 'Kenji Watanabe', reps: ['Mei Chen', 'Arjun Nair', 'Hana Sato', 'Jack Wilson', 'Ana Reyes', 'Sam Taylor'] },
];

export const DEMO_COMPANY: DemoCompany = {
  name: 'Northwind Analytics',
  channel: { id: 'CDEMOSKO1', name: 'sko-fy27-americas' },
  emeaChannel: { id: 'CDEMOSKO2', name: 'sko-fy27-emea' },
  leads: { sko: 'UDEMO0001', content: 'UDEMO0004', logistics: 'UDEMO0005', communications: 'UDEMO0006', technology: 'UDEMO0007' },
  salesLeaders: ['UDEMO0002', 'UDEMO0003'],
};

/** Writes the demo company's people; managers before their reps so reps can point at them. */
export function seedDemoCompany(db: Db): void {
  let n = STAFF.length;
  const nextId = () => `UDEMO${String(++n).padStart(4, '0')}`;
  db.transaction(() => {
    for (const p of STAFF) db.insert(people).values({ slackUserId: p.slackUserId, name: p.name, role: p.role, title: p.title }).run();
    for (const t of TEAMS) {
      const manager = db
        .insert(people)
        .values({ slackUserId: nextId(), name: t.manager, role: 'manager', title: 'Sales Manager', team: t.team, region: t.region })
        .returning()
        .get();
      for (const rep of t.reps) {
        db.insert(people)
          .values({ slackUserId: nextId(), name: rep, role: 'rep', title: 'Account Executive', team: t.team, region: t.region, managerId: manager.id })
          .run();
      }
    }
  });
}
