/** Last year's SKO, lived through quietly before the demo starts: what `/sko history` compares this year's with, and what this year's starts from. */
import type { Db } from '../../db/client.js';
import type { EventRow } from '../../db/schema.js';
import { ManualClock } from '../clock.js';
import { addDays, atLocalTime } from '../domain/dates.js';
import { importAgenda } from '../services/agenda/editing.js';
import { importExpenses } from '../services/budget/budget.js';
import { timelineOf } from '../services/plan/event-store.js';
import { lessonsStart, saveLessons } from '../services/plan/lessons.js';
import { saveSetup } from '../services/plan/setup.js';
import { DEMO_COMPANY } from './company.js';
import { demoLife, quietAnswers } from './living.js';
import { demoPostEventAnswers, demoPreEventAnswers } from './responses.js';

export const LAST_YEAR_CHANNEL = { id: 'CDEMOSKO0', name: 'sko-fy26' };

const LAST_YEAR_AGENDA_CSV = `day,start,end,title,kind,format,speakers,takeaways,next_steps
1,09:00,11:00,FY26 strategy keynote,strategy,lecture,Elena García,The FY26 plan,Team talk track by Friday
1,11:30,12:30,Product roadmap,training,lecture,Tom Becker,What ships this year,Demo the new release
2,09:00,12:00,Negotiation workshop,training,workshop,Priya Raman,Hold the price,Certify by week 11
2,19:00,22:00,Awards dinner,social,interactive,,,
`;

/** What the SKO lead wrote under "what to change" after last year's survey. */
const LAST_YEARS_CHANGES = 'More role-plays with real deals, fewer keynote slides\nSend the materials a week before the event';

/**
 * Day 1 fifty-two weeks before this year's (so the same weekday), set up ten weeks ahead, lived
 * through to the end of its week 12. Its people answer as the next ones in line do this year, so
 * the two years' figures differ as real ones would.
 */
export async function demoLastYear(db: Db, thisYearsDay1: string): Promise<EventRow> {
  const { leads } = DEMO_COMPANY;
  const timeZone = 'America/New_York';
  const day1 = addDays(thisYearsDay1, -364);
  const clock = new ManualClock(atLocalTime(addDays(day1, -70), '10:00', timeZone));
  const { event } = saveSetup(
    db,
    {
      name: 'Sales Kickoff FY26',
      day1,
      days: 2,
      hasDay0: false,
      timeZone,
      location: 'Dallas, Omni',
      headcount: 36,
      budgetCents: 9_000_000,
      channelId: LAST_YEAR_CHANNEL.id,
      gtmChallenge: 'inconsistent-execution',
      leads: {
        sko_lead: leads.sko,
        content_lead: leads.content,
        logistics_lead: leads.logistics,
        communications_lead: leads.communications,
        technology_lead: leads.technology,
      },
      salesLeaders: DEMO_COMPANY.salesLeaders,
    },
    leads.sko,
    clock.now(),
    null,
  );
  importAgenda(db, event, LAST_YEAR_AGENDA_CSV, clock.now());
  importExpenses(
    db,
    event.id,
    `category,vendor,amount,date,note\nvenue,Omni Dallas,52000,${addDays(day1, -50)},rooms and meeting space\ntravel,American Airlines,31000,${addDays(day1, -30)},group fares\n`,
  );
  const life = demoLife(db, clock, event);
  life.meanwhile(quietAnswers(life, { pre: (i) => demoPreEventAnswers(i + 1), post: (i) => demoPostEventAnswers(i + 2) }));
  const end = timelineOf(event).weeks.at(-1)?.endsAt ?? clock.now();
  // Week 12: the SKO lead captures the lessons, from the form the survey drafted; the night it ends, it is archived.
  await life.advance(new Date(end.getTime() - 3 * 86_400_000));
  const draft = lessonsStart(db, event.id);
  saveLessons(db, event.id, leads.sko, { worked: draft.worked, toChange: LAST_YEARS_CHANGES, ownerSlackId: leads.content }, clock.now());
  await life.advance(new Date(end.getTime() + 3_600_000));
  return event;
}
