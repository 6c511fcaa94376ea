import { describe, expect, it } from 'vitest';
import { checkInAttendance, checkInDay } from '../../../src/domain/check-in/check-in.js';

const DAYS = [
  { day: 0, date: '2027-02-01' },
  { day: 1, date: '2027-02-02' },
  { day: 2, date: '2027-02-03' },
];

describe('checkInDay', () => {
  it('is the event day the date falls on, day 0 included', () => {
    expect(checkInDay('2027-02-01', DAYS)).toEqual({ ok: true, day: 0 });
    expect(checkInDay('2027-02-03', DAYS)).toEqual({ ok: true, day: 2 });
  });

  it('says when check-in opens before the event, and that it is closed after', () => {
    expect(checkInDay('2027-01-31', DAYS)).toEqual({ ok: false, reason: 'Check-in opens on the first day of the SKO, Mon 1 Feb.' });
    expect(checkInDay('2027-02-04', DAYS)).toEqual({ ok: false, reason: 'The SKO is over, so check-in is closed.' });
  });
});

describe('checkInAttendance', () => {
  it('is the people checked in against the expected headcount, to one decimal, with what it rests on', () => {
    expect(checkInAttendance({ checkedIn: 229, headcount: 240, daysSoFar: 3, attendingRsvps: 233 })).toEqual({
      value: 95.4,
      basis: '229 people checked in on at least one of the first 3 days, of 240 expected; 233 had RSVPed attending.',
    });
  });
});
