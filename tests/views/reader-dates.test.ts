import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { SurveyInviteNotice } from '../../src/domain/comms/notices.js';
import type { TaskReminderNotice } from '../../src/domain/plan/reminders.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { renderNotice } from '../../views/notices.js';

/** Dates in DMs are Slack dates: each reader's Slack writes them in their own zone; the terminal shows the fallback, our own words. */
const names = { user: () => 'Priya', channel: () => undefined };
const texts = (blocks: KnownBlock[]): string => JSON.stringify(blocks);
const unix = (iso: string): number => Date.parse(iso) / 1000;

const owner = { personId: 1, slackUserId: 'UPRIYA', name: 'Priya' };
function taskReminder(type: TaskReminderNotice['type'], dueDate: string, today: string): TaskReminderNotice {
  return {
    type,
    to: { kind: 'person', person: owner, mayReassign: false },
    label: 'tasks due',
    eventName: 'FY27 Sales Kickoff',
    today,
    timeZone: 'Europe/Berlin',
    daysToDay1: 40,
    dueDate,
    tasks: [
      {
        id: 7,
        key: 'venue',
        title: 'Book the venue',
        phase: 1,
        weekFrom: 1,
        weekTo: 2,
        eventDay: null,
        ownerRole: 'sko_lead',
        owner,
        dueDate,
        status: 'open',
        milestone: false,
      },
    ],
  };
}

describe('dates each reader sees on their own clock', () => {
  it('a task reminder gives its due date as a Slack date, and the terminal reads as before', () => {
    const message = renderNotice(taskReminder('due-soon', '2027-01-12', '2027-01-11'));
    const at = unix('2027-01-12T10:00:00Z');
    expect(texts(message.blocks)).toContain(`*Due <!date^${at}^{date_long_pretty}|tomorrow: Tue 12 Jan>*`);
    expect(texts(message.blocks)).toContain(`Due <!date^${at}^{date_short_pretty}|Tue 12 Jan>`);
    expect(message.text).toBe('Reminder: 1 task due tomorrow (Tue 12 Jan)');
    const shown = renderPlainText(message.blocks, names);
    expect(shown).toContain('⏰ Due tomorrow: Tue 12 Jan');
    expect(shown).toContain('Book the venue\nDue Tue 12 Jan');
    expect(shown).not.toContain('date^');
  });

  it('an overdue reminder says since when, as a Slack date', () => {
    const message = renderNotice(taskReminder('overdue', '2027-01-12', '2027-01-14'));
    expect(texts(message.blocks)).toContain(`Overdue since <!date^${unix('2027-01-12T10:00:00Z')}^{date_short_pretty}|Tue 12 Jan>`);
    expect(renderPlainText(message.blocks, names)).toContain('● Overdue since Tue 12 Jan');
  });

  it("a survey invitation gives its closing moment with the reader's time, the event's zone in the fallback", () => {
    const closesAt = new Date('2027-01-29T16:00:00Z');
    const notice: SurveyInviteNotice = {
      type: 'survey-invite',
      to: { kind: 'person', person: owner, mayReassign: false },
      label: 'the pre-event survey',
      event: { id: 1, name: 'FY27 Sales Kickoff', day1: '2027-02-02', lastDay: '2027-02-04', day0: null, location: 'Berlin', timeZone: 'Europe/Berlin' },
      body: 'Tell us what you want from the SKO.',
      survey: { id: 3, kind: 'pre', title: 'Pre-event survey', anonymous: false, questions: 5, sessionRatings: 0, minutes: 3, closesAt },
      reminder: 1,
    };
    const message = renderNotice(notice);
    expect(texts(message.blocks)).toContain(`<!date^${closesAt.getTime() / 1000}^{date_short_pretty} {time}|Fri 29 Jan 2027 17:00 GMT+1>`);
    expect(message.text).toBe('Reminder: Pre-event survey closes Fri 29 Jan 2027 17:00 GMT+1');
    expect(renderPlainText(message.blocks, names)).toContain(
      '🔔 Pre-event survey closes Fri 29 Jan 2027 17:00 GMT+1. We have not had your answers yet.  [ Answer ]',
    );
  });
});
