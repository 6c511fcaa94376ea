import { describe, expect, it } from 'vitest';
import { cutoffProblem, hotelNightsOffered, parseTravel, tallyTravel, travelReminderItem } from '../../../src/domain/travel/details.js';

/** A 3-day SKO, Tue 2 – Thu 4 Feb 2027, with and without an arrivals day (Mon 1 Feb). */
const SKO = { id: 1, day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York', reminderTime: '09:00' };
const WITH_DAY0 = { ...SKO, hasDay0: true };

describe('the travel form’s rules', () => {
  it('offers the nights from the eve of the first day to the night of the last, day 0 included', () => {
    expect(hotelNightsOffered(SKO)).toEqual(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04']);
    expect(hotelNightsOffered(WITH_DAY0)[0]).toBe('2027-01-31');
  });

  it('takes a stay around the event, trimming text and ordering nights and needs', () => {
    const parsed = parseTravel(
      {
        arrival: '2027-01-31',
        departure: '2027-02-05',
        hotelNights: ['2027-02-04', '2027-02-01'],
        dietary: ['kosher', 'vegan'],
        accessibility: '  ',
        note: ' late ',
      },
      SKO,
    );
    expect(parsed).toEqual({
      ok: true,
      answers: {
        arrival: '2027-01-31',
        departure: '2027-02-05',
        hotelNights: ['2027-02-01', '2027-02-04'],
        dietary: ['vegan', 'kosher'],
        accessibility: null,
        note: 'late',
      },
    });
  });

  it('names each missing or unknown answer beside its field', () => {
    expect(parseTravel({ hotelNights: ['2027-03-01'], dietary: ['paleo'], note: 'x'.repeat(501) }, SKO)).toEqual({
      ok: false,
      errors: {
        arrival: 'Give the day you arrive.',
        departure: 'Give the day you leave.',
        hotelNights: 'Choose the nights from the list.',
        dietary: 'Choose dietary needs from the list; say anything else in the note.',
        note: 'Keep it under 500 characters.',
      },
    });
  });

  it('accepts a cut-off from today to the last day only', () => {
    expect(cutoffProblem('2027-01-20', '2027-01-20', SKO)).toBeNull();
    expect(cutoffProblem('2027-02-04', '2027-01-20', SKO)).toBeNull();
    expect(cutoffProblem('2027-01-19', '2027-01-20', SKO)).toBe('The cut-off Tue 19 Jan has passed: give today or a later day.');
    expect(cutoffProblem('2027-02-30', '2027-01-20', SKO)).toBe('Give the cut-off as a date, such as 2027-01-19; not "2027-02-30".');
  });

  it('plans the reminder 3 days before the cut-off at the reminder time, stale once the form closes', () => {
    const item = travelReminderItem(SKO, '2027-01-22');
    expect([item.dueAt.toISOString(), item.staleAt.toISOString()]).toEqual(['2027-01-19T14:00:00.000Z', '2027-01-23T05:00:00.000Z']);
  });
});

describe('the logistics lead’s counts', () => {
  it('counts rooms per night and people per dietary need, someone with two needs under both', () => {
    const stay = { arrival: '2027-02-01', departure: '2027-02-04', accessibility: null, note: null };
    const tally = tallyTravel(
      hotelNightsOffered(SKO),
      [
        { ...stay, hotelNights: ['2027-02-01', '2027-02-02'], dietary: ['vegan', 'gluten-free'] },
        { ...stay, hotelNights: ['2027-02-02'], dietary: [], accessibility: 'Step-free' },
      ],
      5,
    );
    expect(tally).toEqual({
      attending: 5,
      answered: 2,
      roomsPerNight: [
        { night: '2027-02-01', rooms: 1 },
        { night: '2027-02-02', rooms: 2 },
        { night: '2027-02-03', rooms: 0 },
        { night: '2027-02-04', rooms: 0 },
      ],
      meals: [
        { need: 'Vegan', people: 1 },
        { need: 'Gluten-free', people: 1 },
      ],
      noDietaryNeeds: 1,
      accessibilityNeeds: 1,
    });
  });
});
