import { describe, expect, it } from 'vitest';
import { leaversLine, retentionAfter, retentionBasis } from '../../../src/domain/insights/retention.js';

const attendees = [
  { name: 'Ann Lee', leftOn: '2027-02-20' },
  { name: 'Bob Stone', leftOn: null },
  { name: 'Mia Ward', leftOn: '2027-02-01' }, // the day before day 1
  { name: 'Cat Diaz', leftOn: '2027-05-03' }, // the 90th day after day 1
  { name: 'Dan Moss', leftOn: '2027-05-04' },
  { name: null, leftOn: '2027-02-02' },
];

describe('rep retention after the SKO', () => {
  it('counts the attendees who left on day 1 or within the 90 days after it, earliest first', () => {
    const retention = retentionAfter('2027-02-02', attendees);
    expect(retention).toEqual({
      from: '2027-02-02',
      to: '2027-05-03',
      attendees: 6,
      leavers: [
        { name: 'someone without a name', leftOn: '2027-02-02' },
        { name: 'Ann Lee', leftOn: '2027-02-20' },
        { name: 'Cat Diaz', leftOn: '2027-05-03' },
      ],
    });
    expect(leaversLine(retention.leavers)).toBe('Who left: someone without a name (2 Feb 2027), Ann Lee (20 Feb 2027), Cat Diaz (3 May 2027).');
  });

  it('says what the count rests on, without names, while the 90 days run and after', () => {
    const retention = retentionAfter('2027-02-02', attendees);
    expect(retentionBasis(retention, '2027-03-01')).toBe(
      '3 of 6 attendees left between day 1 (2 Feb 2027) and 90 days after it, so far (the 90 days run until 3 May 2027).',
    );
    expect(retentionBasis(retentionAfter('2027-02-02', [{ name: 'Bob Stone', leftOn: null }]), '2027-06-01')).toBe(
      '0 of 1 attendee left between day 1 (2 Feb 2027) and 90 days after it, by 3 May 2027.',
    );
  });
});
