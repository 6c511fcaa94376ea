import { describe, expect, it } from 'vitest';
import { CSV_PROBLEMS, CsvReader, type CsvRecord, CsvSyntaxError } from '../../src/domain/csv-reader.js';

function readAll(text: string, cuts: number[] = [], delimiter = ','): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...reader.end());
  return out;
}

function problem(text: string): string {
  try {
    readAll(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error.message;
    throw error;
  }
  return 'read without a problem';
}

const FILE = '\uFEFFid,"note"\r\n1,"say ""hi"""\n\n2,"two\r\nlines"\r3,\n"",x\n4;5,"a,b"';

describe('reading CSV', () => {
  it('reads quoted fields, doubled quotes, line breaks of every kind, and numbers each record by the line it starts on', () => {
    expect(readAll(FILE)).toEqual([
      { record: ['id', 'note'], line: 1 },
      { record: ['1', 'say "hi"'], line: 2 },
      { record: ['2', 'two\r\nlines'], line: 4 },
      { record: ['3', ''], line: 6 },
      { record: ['', 'x'], line: 7 },
      { record: ['4;5', 'a,b'], line: 8 },
    ]);
  });

  it('reads the same records however the file is cut into chunks', () => {
    const whole = readAll(FILE);
    for (let cut = 0; cut <= FILE.length; cut += 1) expect(readAll(FILE, [cut])).toEqual(whole);
    expect(readAll(FILE, [3, 9, 17, 18, 30, 31, 40])).toEqual(whole);
  });

  it('splits on the delimiter it is given', () => {
    expect(readAll('a;b\n1;"x;y"\n', [], ';').map((r) => r.record)).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ]);
    expect(readAll('a\tb\n1\t2', [], '\t').map((r) => r.record)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the line and the fix for quotes a hand-edited file gets wrong', () => {
    expect(problem('a,b\n1,"open\n\n')).toBe(`line 2: ${CSV_PROBLEMS.unclosed}`);
    expect(problem('a,b\n1,"x"y\n')).toBe(`line 2: ${CSV_PROBLEMS.closing}`);
    expect(problem('a,b\n1,"two\nlines"y\n')).toBe(`line 3: ${CSV_PROBLEMS.closing}`);
    expect(problem('a,b\n1,ab"c\n')).toBe(`line 2: ${CSV_PROBLEMS.opening}`);
  });
});
