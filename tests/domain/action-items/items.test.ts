import { describe, expect, it } from 'vitest';
import {
  type ActionCommandContext,
  messageAsTitle,
  parseActionCommand,
  parseActionsScope,
  parseDueDate,
  validateActionForm,
} from '../../../src/domain/action-items/items.js';

// 2026-12-02 is a Wednesday.
const TODAY = '2026-12-02';
const context: ActionCommandContext = { callerSlackId: 'UCALLER01', today: TODAY, timeZone: 'America/New_York' };
const EXAMPLE = "For example: `/sko action Send the pricing deck to finance @Maria due:fri` (pick @Maria from Slack's list)";
const FORMS = 'a date such as 2026-12-01, or today, tomorrow, a weekday (fri or friday), in 3 days, in 2 weeks or next week';

const parse = (text: string) => parseActionCommand(text, context);
const error = (text: string) => {
  const result = parse(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.item)}`);
  return result.error;
};
const due = (text: string, today = TODAY) => {
  const result = parseDueDate(text, today);
  return result.ok ? result.date : `error: ${result.error}`;
};

describe('parseDueDate, on Wednesday 2026-12-02', () => {
  it('reads an ISO date, today and tomorrow', () => {
    expect(due('2026-12-10')).toBe('2026-12-10');
    expect(due('today')).toBe('2026-12-02');
    expect(due('tomorrow')).toBe('2026-12-03');
  });

  it('reads weekday names and abbreviations as the next such day after today', () => {
    expect(due('thu')).toBe('2026-12-03');
    expect(due('fri')).toBe('2026-12-04');
    expect(due('friday')).toBe('2026-12-04');
    expect(due('sat')).toBe('2026-12-05');
    expect(due('sunday')).toBe('2026-12-06');
    expect(due('mon')).toBe('2026-12-07');
    expect(due('tue')).toBe('2026-12-08');
    expect(due('tues')).toBe('2026-12-08');
    expect(due('thurs')).toBe('2026-12-03');
  });

  it('takes the same weekday as today to mean a week from today', () => {
    expect(due('wed')).toBe('2026-12-09');
    expect(due('fri', '2026-12-04')).toBe('2026-12-11');
  });

  it('reads "in N days", "in N weeks" and "next week" (the coming Monday)', () => {
    expect(due('in 3 days')).toBe('2026-12-05');
    expect(due('in 1 day')).toBe('2026-12-03');
    expect(due('in 0 days')).toBe('2026-12-02');
    expect(due('in 2 weeks')).toBe('2026-12-16');
    expect(due('in a week')).toBe('2026-12-09');
    expect(due('next week')).toBe('2026-12-07');
    expect(due('next week', '2026-12-06')).toBe('2026-12-07');
    expect(due('next week', '2026-12-07')).toBe('2026-12-14');
  });

  it('ignores case, extra spaces and a trailing full stop', () => {
    expect(due('FRI')).toBe('2026-12-04');
    expect(due('  In   3   Days ')).toBe('2026-12-05');
    expect(due('Tomorrow.')).toBe('2026-12-03');
  });

  it('accepts up to two years ahead and no further', () => {
    expect(due('2028-12-02')).toBe('2028-12-02');
    expect(due('2028-12-03')).toBe('error: 2028-12-03 is more than two years away; check the year. The latest due date is 2028-12-02.');
    expect(due('in 800 days')).toBe('error: 2029-02-09 is more than two years away; check the year. The latest due date is 2028-12-02.');
  });

  it('refuses dates in the past, impossible dates and words it cannot read', () => {
    expect(due('2026-12-01')).toBe('error: 2026-12-01 is in the past (today is 2026-12-02). Pick today or a later date.');
    expect(parseDueDate('2026-11-30', TODAY, 'Europe/London')).toEqual({
      ok: false,
      error: '2026-11-30 is in the past (today is 2026-12-02 in Europe/London). Pick today or a later date.',
    });
    expect(due('2026-02-30')).toBe('error: 2026-02-30 is not a real date; check the month and day (YYYY-MM-DD).');
    expect(due('2026-13-01')).toBe('error: 2026-13-01 is not a real date; check the month and day (YYYY-MM-DD).');
    expect(due('next friday')).toBe(`error: "next friday" is not a due date I can read. Use ${FORMS}.`);
    expect(due('12/04')).toBe(`error: "12/04" is not a due date I can read. Use ${FORMS}.`);
    expect(due('constructor')).toBe(`error: "constructor" is not a due date I can read. Use ${FORMS}.`);
    expect(due('in 10000 days')).toBe(`error: "in 10000 days" is not a due date I can read. Use ${FORMS}.`);
    expect(due('  ')).toBe(`error: Give a due date: ${FORMS}.`);
  });
});

describe('parseActionCommand: the forms that create an item', () => {
  it('reads title, owner mention and due date', () => {
    expect(parse('Send the pricing deck to finance <@U123ABC> due:fri')).toEqual({
      ok: true,
      item: { title: 'Send the pricing deck to finance', ownerSlackId: 'U123ABC', due: '2026-12-04' },
    });
  });

  it('reads a mention with a name, placed first', () => {
    expect(parse('<@U123ABC|maria> Book the venue walkthrough due:2026-12-10')).toEqual({
      ok: true,
      item: { title: 'Book the venue walkthrough', ownerSlackId: 'U123ABC', due: '2026-12-10' },
    });
  });

  it('reads a due date in the middle of the text, in its several-word forms', () => {
    expect(parse('Send the deck due:in 3 days to finance <@U123ABC>')).toEqual({
      ok: true,
      item: { title: 'Send the deck to finance', ownerSlackId: 'U123ABC', due: '2026-12-05' },
    });
    expect(parse('Draft the agenda DUE:Next Week for the committee')).toEqual({
      ok: true,
      item: { title: 'Draft the agenda for the committee', ownerSlackId: 'UCALLER01', due: '2026-12-07' },
    });
    expect(parse('Draft the agenda due: in 2 weeks')).toEqual({
      ok: true,
      item: { title: 'Draft the agenda', ownerSlackId: 'UCALLER01', due: '2026-12-16' },
    });
  });

  it('gives the item to the caller when nobody is mentioned', () => {
    expect(parse('Book the venue due:tomorrow')).toEqual({
      ok: true,
      item: { title: 'Book the venue', ownerSlackId: 'UCALLER01', due: '2026-12-03' },
    });
  });

  it('leaves the due date empty when none is given', () => {
    expect(parse('Book the venue <@U123ABC>')).toEqual({
      ok: true,
      item: { title: 'Book the venue', ownerSlackId: 'U123ABC', due: null },
    });
    expect(parse('  Book the venue  ')).toEqual({
      ok: true,
      item: { title: 'Book the venue', ownerSlackId: 'UCALLER01', due: null },
    });
  });

  it('accepts the same person mentioned twice, and Enterprise Grid W ids', () => {
    expect(parse('<@W0123ABC> Call <@W0123ABC|lee> back')).toEqual({
      ok: true,
      item: { title: 'Call back', ownerSlackId: 'W0123ABC', due: null },
    });
  });

  it("turns Slack's escapes, links and channel references into plain text", () => {
    expect(parse('Q&amp;A prep &lt;draft&gt; <@U1AAA> due:fri')).toEqual({
      ok: true,
      item: { title: 'Q&A prep <draft>', ownerSlackId: 'U1AAA', due: '2026-12-04' },
    });
    expect(
      parse(
        'Review <https://example.com/deck|the deck> and <https://example.com/notes> in <#C0123|sko-planning>, mail <mailto:ops@example.com|ops@example.com>',
      ),
    ).toEqual({
      ok: true,
      item: {
        title: 'Review the deck (https://example.com/deck) and https://example.com/notes in #sko-planning, mail ops@example.com',
        ownerSlackId: 'UCALLER01',
        due: null,
      },
    });
  });

  it('closes the gap a removed mention or due date leaves before punctuation', () => {
    expect(parse('<@U1AAA>, please send the deck due:fri.')).toEqual({
      ok: true,
      item: { title: 'please send the deck', ownerSlackId: 'U1AAA', due: '2026-12-04' },
    });
    expect(parse('Send the deck to <@U1AAA>, then the notes')).toEqual({
      ok: true,
      item: { title: 'Send the deck to, then the notes', ownerSlackId: 'U1AAA', due: null },
    });
  });

  it('keeps an e-mail address and a lone @ in the title', () => {
    expect(parse('Ask finance@example.com for the numbers @ 3pm')).toEqual({
      ok: true,
      item: { title: 'Ask finance@example.com for the numbers @ 3pm', ownerSlackId: 'UCALLER01', due: null },
    });
  });
});

describe('parseActionCommand: bad input says what to fix and creates nothing', () => {
  it('refuses a name Slack did not turn into a mention', () => {
    expect(error('Send the deck @maria due:fri')).toBe(
      'Slack did not recognise @maria as a person in this workspace. Pick the owner from the list that opens as you type @, so the name becomes a mention (or drop the @ if it is not a person).\n' +
        EXAMPLE,
    );
  });

  it('refuses a group as owner', () => {
    expect(error('Send the deck <!subteam^S0123ABC|@sales-team> due:fri')).toBe(
      `An action item has one owner, and @sales-team is a group. Mention one person.\n${EXAMPLE}`,
    );
    expect(error('Send the deck <!here>')).toBe(`An action item has one owner, and @here is a group. Mention one person.\n${EXAMPLE}`);
  });

  it('refuses more than one owner', () => {
    expect(error('Send the deck <@U1AAA> <@U2BBB|sam>')).toBe(
      `An action item has one owner; you mentioned <@U1AAA> and <@U2BBB>. Keep one mention and write the other names without @.\n${EXAMPLE}`,
    );
    expect(error('<@U1AAA> <@U2BBB> <@U3CCC> Send the deck')).toBe(
      `An action item has one owner; you mentioned <@U1AAA>, <@U2BBB> and <@U3CCC>. Keep one mention and write the other names without @.\n${EXAMPLE}`,
    );
  });

  it('refuses two due dates, an unreadable one and an empty one', () => {
    expect(error('Send the deck due:fri due:mon')).toBe(`Give one due date; you wrote due: 2 times.\n${EXAMPLE}`);
    expect(error('Send the deck due:someday')).toBe(`"someday" is not a due date I can read. Use ${FORMS}.\n${EXAMPLE}`);
    expect(error('Send the deck due:')).toBe(`Give a due date: ${FORMS}.\n${EXAMPLE}`);
  });

  it('refuses a date in the past and an impossible date', () => {
    expect(error('Send the deck due:2026-12-01')).toBe(
      `2026-12-01 is in the past (today is 2026-12-02 in America/New_York). Pick today or a later date.\n${EXAMPLE}`,
    );
    expect(error('Send the deck due:2026-02-30')).toBe(`2026-02-30 is not a real date; check the month and day (YYYY-MM-DD).\n${EXAMPLE}`);
  });

  it('refuses an empty title', () => {
    expect(error('')).toBe(`Say what needs doing, then the owner and the due date.\n${EXAMPLE}`);
    expect(error('<@U1AAA> due:fri')).toBe(`Say what needs doing, then the owner and the due date.\n${EXAMPLE}`);
  });

  it('refuses a title over 2,000 characters and says how long it is', () => {
    expect(parse(`${'x'.repeat(2000)} <@U1AAA>`)).toEqual({ ok: true, item: { title: 'x'.repeat(2000), ownerSlackId: 'U1AAA', due: null } });
    expect(error(`${'x'.repeat(2001)} <@U1AAA>`)).toBe(
      `The title has 2,001 characters; an action item's title can have at most 2,000 so Slack can show it. Shorten it.\n${EXAMPLE}`,
    );
  });

  it('counts the title as the person typed it, not as Slack escaped it', () => {
    const result = parse('&amp;'.repeat(2000));
    expect(result.ok && result.item.title.length).toBe(2000);
  });

  it('lists every problem at once', () => {
    expect(error('<!here> due:yesterday')).toBe(
      [
        'An action item has one owner, and @here is a group. Mention one person.',
        `"yesterday" is not a due date I can read. Use ${FORMS}.`,
        'Say what needs doing, then the owner and the due date.',
        EXAMPLE,
      ].join('\n'),
    );
  });
});

describe('messageAsTitle: a message turned into a title by the shortcut', () => {
  const nameOf = (id: string) => ({ U1AAA: 'Maria Lopez' })[id];

  it('keeps people in the sentence by name, or by id when the app does not know them, and lists them', () => {
    expect(messageAsTitle('Can <@U1AAA> and <@U2BBB|bob> send the deck to <#C123|finance> by Friday?', nameOf)).toEqual({
      title: 'Can @Maria Lopez and @U2BBB send the deck to #finance by Friday?',
      mentioned: ['U1AAA', 'U2BBB'],
    });
  });

  it('reads links, groups and entities as a person would, on one line', () => {
    expect(messageAsTitle('Pricing &amp; terms:\n<https://example.com/deck|the deck> for <!subteam^S1|@sales-leads>', nameOf)).toEqual({
      title: 'Pricing & terms: the deck (https://example.com/deck) for @sales-leads',
      mentioned: [],
    });
  });

  it('cuts a long message to the title limit, marking the cut', () => {
    const { title } = messageAsTitle('word '.repeat(600), nameOf);
    expect(title).toHaveLength(2000);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('parseActionsScope: the text after /sko actions', () => {
  it.each([
    ['', { kind: 'mine' }],
    ['mine', { kind: 'mine' }],
    ['ALL', { kind: 'all' }],
    [' overdue ', { kind: 'overdue' }],
    ['<@U1AAA|maria>', { kind: 'person', slackUserId: 'U1AAA' }],
    ['<@W2BBB>', { kind: 'person', slackUserId: 'W2BBB' }],
  ])('"%s"', (text, scope) => {
    expect(parseActionsScope(text)).toEqual({ ok: true, scope });
  });

  it('says what to write otherwise', () => {
    const forms = '`/sko actions` (yours), `/sko actions all`, `/sko actions overdue` or `/sko actions @someone`';
    expect(parseActionsScope('done')).toEqual({ ok: false, error: `I don't know \`/sko actions done\`. Use ${forms}.` });
    expect(parseActionsScope('<@U1AAA> <@U2BBB>')).toEqual({ ok: false, error: `I don't know \`/sko actions <@U1AAA> <@U2BBB>\`. Use ${forms}.` });
  });
});

describe('validateActionForm: the new-item form', () => {
  const context = { today: '2026-12-02', timeZone: 'America/New_York' };

  it('accepts a title, an owner, a date from today on and notes; blank notes and date mean none', () => {
    expect(
      validateActionForm({ title: '  Send the deck \n to finance ', ownerSlackId: 'U1AAA', due: '2026-12-02', notes: ' Use the Q1 prices ' }, context),
    ).toEqual({
      ok: true,
      item: { title: 'Send the deck to finance', ownerSlackId: 'U1AAA', due: '2026-12-02', notes: 'Use the Q1 prices' },
    });
    expect(validateActionForm({ title: 'Send the deck', ownerSlackId: 'U1AAA', due: null, notes: '  ' }, context)).toEqual({
      ok: true,
      item: { title: 'Send the deck', ownerSlackId: 'U1AAA', due: null, notes: null },
    });
  });

  it('puts each problem on its field', () => {
    expect(validateActionForm({ title: 'x'.repeat(2001), ownerSlackId: null, due: '2026-12-01', notes: 'n'.repeat(3001) }, context)).toEqual({
      ok: false,
      errors: {
        title: 'Keep it to 2,000 characters; this has 2,001. Put the detail in the notes.',
        owner: 'Choose who owns it.',
        due: '2026-12-01 is in the past (today is 2026-12-02 in America/New_York). Pick today or a later date.',
        notes: 'Notes can have at most 3,000 characters; these have 3,001.',
      },
    });
    expect(validateActionForm({ title: ' ', ownerSlackId: 'U1AAA' }, context)).toEqual({ ok: false, errors: { title: 'Say what needs doing.' } });
  });
});
