import { parseAmountCents } from '../plan/setup.js';

/** The settings modal's fields as typed; each may be left empty, which leaves that setting as it is. */
export interface SettingsFormInput {
  fiscalStartMonth?: string | undefined;
  planYear?: string | undefined;
  target?: string | undefined;
  overAssignment?: string | undefined;
  ramp?: string | undefined;
  historyWeight?: string | undefined;
}

export type SettingsField = keyof SettingsFormInput;

interface SettingsChange {
  fiscalStartMonth: number | null;
  /** Set when any of the territory plan's fields is; the year it is for. */
  territory: { fiscalYear: number; targetCents?: number; overAssignmentPct?: number; ramp?: number[]; historyWeightPct?: number } | null;
}

export type SettingsFormResult = { ok: true; change: SettingsChange } | { ok: false; errors: Partial<Record<SettingsField, string>> };

const percent = (raw: string): number | null => {
  const n = Number(raw.trim().replace(/%$/, ''));
  return raw.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
};

/** Reads the settings modal: every problem at once, each on its own field, in words saying what to type. */
export function parseSettingsForm(input: SettingsFormInput): SettingsFormResult {
  const errors: Partial<Record<SettingsField, string>> = {};
  const has = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  const month = has(input.fiscalStartMonth) ? Number(input.fiscalStartMonth) : null;
  if (month !== null && !(Number.isInteger(month) && month >= 1 && month <= 12)) errors.fiscalStartMonth = 'Choose the month the fiscal year starts.';

  const territory: NonNullable<SettingsChange['territory']> = { fiscalYear: 0 };
  if (has(input.target)) {
    const cents = parseAmountCents(input.target);
    if (cents === null || cents <= 0) errors.target = 'Type an amount, e.g. $50M or 48,500,000.';
    else territory.targetCents = cents;
  }
  if (has(input.overAssignment)) {
    const pct = percent(input.overAssignment);
    if (pct === null) errors.overAssignment = 'Type a percentage from 0 to 100, e.g. 10%.';
    else territory.overAssignmentPct = pct;
  }
  if (has(input.ramp)) {
    const steps = input.ramp
      .split(/[/,\s]+/)
      .filter(Boolean)
      .map(percent);
    if (steps.length === 0 || steps.length > 24 || steps.some((s) => s === null))
      errors.ramp = 'Type monthly percentages from the hire month, e.g. 0/25/50/75/100.';
    else territory.ramp = steps as number[];
  }
  if (has(input.historyWeight)) {
    const pct = percent(input.historyWeight);
    if (pct === null) errors.historyWeight = 'Type a percentage from 0 to 100, e.g. 50%.';
    else territory.historyWeightPct = pct;
  }
  const anyTerritory = Object.keys(territory).length > 1;
  if (anyTerritory || has(input.planYear)) {
    const year = Number((input.planYear ?? '').trim().replace(/^fy/i, ''));
    if (!(Number.isInteger(year) && year >= 2000 && year <= 2200)) errors.planYear = 'Type the fiscal year the plan is for, e.g. 2027.';
    else territory.fiscalYear = year;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, change: { fiscalStartMonth: month, territory: anyTerritory || has(input.planYear) ? territory : null } };
}
