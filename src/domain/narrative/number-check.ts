import type { Facts } from './facts.js';

/**
 * The gate between a model's text and a person: every number written must be one of the facts'
 * figures at the precision it is shown ("$130K" stands for 125,000–135,000; "65%" for a rate of
 * 0.645–0.655). A number glued to letters (FY2026, Q1, H2) is a label, not a figure.
 */

export interface WrittenNumber {
  /** As written: "$1.2M", "65%", "1,240". */
  text: string;
  value: number;
  /** Half the step of the last digit shown, in the same units as `value`. */
  tolerance: number;
  unit: 'money' | 'percent' | 'plain';
}

const SCALE: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, m: 1e6, B: 1e9, bn: 1e9 };

const NUMBER = /(?<![\p{L}\p{N}_.,])(\$)?(\d[\d,]*(?:\.\d+)?)(?:\s?(K|k|M|m|B|bn)(?![\p{L}]))?(\s?%|\s?percent\b)?/gu;

export function findNumbers(text: string): WrittenNumber[] {
  const found: WrittenNumber[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [whole, dollar, digits = '', suffix, percent] = match;
    const plainDigits = digits.replace(/,/g, '');
    const decimals = plainDigits.includes('.') ? (plainDigits.split('.')[1] ?? '').length : 0;
    const scale = suffix ? (SCALE[suffix] ?? 1) : 1;
    found.push({
      text: whole.trim(),
      value: Number(plainDigits) * scale,
      tolerance: (10 ** -decimals * scale) / 2,
      unit: dollar ? 'money' : percent ? 'percent' : 'plain',
    });
  }
  return found;
}

/** The ways a figure may be written: itself, or a fraction as a percentage. Amounts are in currency units already. */
function readings(value: number, unit: WrittenNumber['unit']): number[] {
  return unit === 'money' ? [Math.abs(value)] : [Math.abs(value), Math.abs(value * 100)];
}

function supported(written: WrittenNumber, facts: Facts): boolean {
  // A little slack for floating point: 0.655 × 100 is 65.50000000000001.
  const within = (candidate: number) => Math.abs(candidate - written.value) <= written.tolerance * (1 + 1e-9) + 1e-9;
  for (const value of facts.figures.values()) if (readings(value, written.unit).some(within)) return true;
  return written.unit === 'plain' && facts.wordNumbers.has(written.value);
}

export interface NumberCheck {
  ok: boolean;
  /** The numbers no figure backs, as written. */
  unsupported: string[];
}

export function checkNumbers(text: string, facts: Facts): NumberCheck {
  const unsupported = findNumbers(text)
    .filter((n) => !supported(n, facts))
    .map((n) => n.text);
  return { ok: unsupported.length === 0, unsupported };
}
