/**
 * CSV bytes to text. Excel on Windows saves "CSV" in Windows-1252, not UTF-8: read as UTF-8, its
 * é and ü turned into replacement characters without a word. A file that is not valid UTF-8 is
 * read as Windows-1252 instead (every byte means something there), and the import says so.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (Node's decoder reads those as control characters). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fromWindows1252(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** Where a trailing UTF-8 sequence cut by the chunk's end starts (the chunk's length when none is). */
function completeUpTo(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needs > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

export interface DecodedText {
  stream: Readable;
  /** True once the file turned out not to be UTF-8 (read to the end, it is final). */
  readAsWindows1252(): boolean;
}

export function decodeCsvText(input: Readable): DecodedText {
  let legacy = false;
  const stream = Readable.from(
    (async function* () {
      let carry = Buffer.alloc(0);
      let first = true;
      for await (const chunk of input as AsyncIterable<Buffer | string>) {
        let bytes = Buffer.concat([carry, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk]);
        if (first && bytes.length < 3) {
          carry = bytes;
          continue;
        }
        if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        first = false;
        if (!legacy) {
          const end = completeUpTo(bytes);
          if (isUtf8(bytes.subarray(0, end))) {
            carry = bytes.subarray(end);
            yield bytes.subarray(0, end).toString('utf8');
            continue;
          }
          legacy = true;
        }
        carry = Buffer.alloc(0);
        yield fromWindows1252(bytes);
      }
      if (carry.length) {
        if (!isUtf8(carry)) legacy = true;
        yield legacy ? fromWindows1252(carry) : carry.toString('utf8');
      }
    })(),
    { objectMode: false },
  );
  return { stream, readAsWindows1252: () => legacy };
}
