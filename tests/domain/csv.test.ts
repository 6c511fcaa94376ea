import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/domain/csv.js';

describe('CSV cells', () => {
  it('quotes by RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(4.5)).toBe('4.5');
    expect(csvField(true)).toBe('true');
  });

  it('never lets text run as a formula, but leaves numbers alone', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField(-5)).toBe('-5');
  });

  it('refuses a number a spreadsheet cannot read', () => {
    expect(() => csvField(Number.NaN)).toThrow('A CSV cell cannot hold NaN.');
  });

  it('ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });
});
