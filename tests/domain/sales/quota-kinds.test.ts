import { describe, expect, it } from 'vitest';
import { quotaKindOf } from '../../../src/domain/sales/quota-kinds.js';

describe('a quota row’s kind', () => {
  it('is what the file said, whatever the role', () => {
    expect(quotaKindOf('rep', 'manager')).toBe('rep');
    expect(quotaKindOf('overlay', 'rep')).toBe('overlay');
  });

  it('left empty, follows the role: managers and leaders carry overlays, anyone else a rep quota', () => {
    expect([quotaKindOf(null, 'manager'), quotaKindOf(undefined, 'leader')]).toEqual(['overlay', 'overlay']);
    expect(['rep', 'admin', 'guest'].map((role) => quotaKindOf(null, role as 'rep'))).toEqual(['rep', 'rep', 'rep']);
  });
});
