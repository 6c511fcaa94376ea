import { describe, expect, it } from 'vitest';
import {
  answersToRelease,
  groupLabelFor,
  HIDDEN_COMPLEMENT,
  HIDDEN_SMALL,
  MIN_GROUP_SIZE,
  respondentKey,
  suppressSmallGroups,
} from '../../../src/domain/surveys/anonymity.js';

const SECRET = 'test-secret-0123456789';

describe('respondent keys', () => {
  // Expected values from: printf '%s' '["survey-41","U0123ABCD"]' | openssl dgst -sha256 -hmac test-secret-0123456789
  it('are the HMAC-SHA256 of the survey and the person under the secret', () => {
    expect(respondentKey(SECRET, 'survey-41', 'U0123ABCD')).toBe('d671db5058f7e3310b6d4b937186c1d20688474855584bb75acc81f7344ab636');
    expect(respondentKey(SECRET, 'survey-41', 'U0123ABCD')).toBe(respondentKey(SECRET, 'survey-41', 'U0123ABCD'));
  });

  it('differ between surveys, people and secrets', () => {
    expect(respondentKey(SECRET, 'survey-42', 'U0123ABCD')).toBe('c04688ae13c9e7f6465dca6aa6b78bec82f31d3d4e59c0a61d5312a4246c2413');
    expect(respondentKey(SECRET, 'survey-41', 'U0999ZZZZ')).toBe('2008bba41fae88c56ee973eab3ca225d120ae32ea4d05eaf1fb158a3218c4ba2');
    expect(respondentKey(`${SECRET}x`, 'survey-41', 'U0123ABCD')).not.toBe('d671db5058f7e3310b6d4b937186c1d20688474855584bb75acc81f7344ab636');
    // The parts are kept apart: shifting a character from one to the other changes the key.
    expect(respondentKey(SECRET, 'survey-4', '1U0123ABCD')).not.toBe(respondentKey(SECRET, 'survey-41', 'U0123ABCD'));
  });

  it('refuse a short secret or a missing part', () => {
    expect(() => respondentKey('short', 'survey-41', 'U0123ABCD')).toThrow('The survey key must be at least 16 characters; set a long random secret.');
    expect(() => respondentKey(SECRET, '', 'U0123ABCD')).toThrow('A respondent key needs both a survey id and a Slack user id.');
  });
});

describe('hiding small groups', () => {
  it('hides a group of 4 with no figures and shows a group of 5', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(
      suppressSmallGroups(
        [
          { group: 'West', count: 4, average: 3.5 },
          { group: 'East', count: 5, average: 4.6 },
        ],
        12,
      ),
    ).toEqual([
      { group: 'East', count: 5, average: 4.6, hidden: false },
      { group: 'West', hidden: true, note: 'hidden: fewer than 5 answers' },
    ]);
    expect(HIDDEN_SMALL).toBe('hidden: fewer than 5 answers');
  });

  it('also hides the smallest shown group when the total would give a small one away', () => {
    // 15 = 6 + 5 + 4: showing 6 and 5 would reveal the 4 by subtraction, so the 5 goes too (remainder 9).
    expect(
      suppressSmallGroups([
        { group: 'A', count: 6 },
        { group: 'B', count: 5 },
        { group: 'C', count: 4 },
      ]),
    ).toEqual([
      { group: 'A', count: 6, hidden: false },
      { group: 'B', hidden: true, note: HIDDEN_COMPLEMENT },
      { group: 'C', hidden: true, note: HIDDEN_SMALL },
    ]);
    // 3 answers outside any group are a small group of their own: one of the two 5s goes (ties by name: A).
    expect(
      suppressSmallGroups(
        [
          { group: 'B', count: 5 },
          { group: 'A', count: 5 },
        ],
        13,
      ).map((g) => g.hidden),
    ).toEqual([true, false]);
    // 12 = 5 + 4 + 3 outside any group: the remainder is 7, so East stays.
    expect(
      suppressSmallGroups(
        [
          { group: 'East', count: 5 },
          { group: 'West', count: 4 },
        ],
        12,
      ).map((g) => g.hidden),
    ).toEqual([false, true]);
  });

  it('refuses a total smaller than its groups', () => {
    expect(() => suppressSmallGroups([{ group: 'A', count: 6 }], 5)).toThrow('The total (5) cannot be smaller than its groups (6).');
  });
});

describe('the group kept beside an anonymous answer', () => {
  it('is the team only when the team has at least 5 people', () => {
    expect(groupLabelFor('East', 5)).toBe('East');
    expect(groupLabelFor('East', 4)).toBeNull();
    expect(groupLabelFor(null, 40)).toBeNull();
  });
});

describe('which held answers may be counted', () => {
  it('releases a team once it holds 5, all of them at once, and keeps a team of 4 waiting', () => {
    const held = [...[1, 2, 3, 4, 5, 6].map((id) => ({ id, group: 'East' })), ...[7, 8, 9, 10].map((id) => ({ id, group: 'West' }))];
    expect(answersToRelease(held)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('treats answers without a team as one group of their own', () => {
    const noTeam = [11, 12, 13, 14].map((id) => ({ id, group: null }));
    expect(answersToRelease(noTeam)).toEqual([]);
    expect(answersToRelease([...noTeam, { id: 15, group: null }, { id: 16, group: 'East' }])).toEqual([11, 12, 13, 14, 15]);
  });

  it('releases nothing from nothing', () => {
    expect(answersToRelease([])).toEqual([]);
  });
});
