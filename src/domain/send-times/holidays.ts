/**
 * Holiday calendars (issue 14, point 3): public holidays of a country and optional region, from
 * `date-holidays` (a maintained library of national and regional calendars), plus days the SKO lead
 * adds or removes. Only public and bank holidays count: observances are working days.
 */
import Holidays from 'date-holidays';

export interface HolidayCalendar {
  country: string | null;
  region: string | null;
  added: readonly string[];
  removed: readonly string[];
}

const years = new Map<string, Set<string>>();

function publicHolidays(country: string, region: string | null, year: number): Set<string> {
  const key = `${country}-${region ?? ''}-${year}`;
  let days = years.get(key);
  if (!days) {
    const calendar = region ? new Holidays(country, region) : new Holidays(country);
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    years.set(key, days);
  }
  return days;
}

/** Whether a local date (YYYY-MM-DD) is a day off in the calendar. */
export function holidayTest(calendar: HolidayCalendar): (date: string) => boolean {
  const added = new Set(calendar.added);
  const removed = new Set(calendar.removed);
  const { country, region } = calendar;
  return (date) => {
    if (added.has(date)) return true;
    if (removed.has(date) || !country) return false;
    return publicHolidays(country, region, Number(date.slice(0, 4))).has(date);
  };
}

const names = new Map<string, Record<string, string>>();

/** English names of the countries (`country` empty) or of a country's regions; read once, as dispatch asks for every reader. */
function namesOf(country: string): Record<string, string> {
  let found = names.get(country);
  if (!found) {
    found = (country ? new Holidays().getStates(country, 'en') : new Holidays().getCountries('en')) ?? {};
    names.set(country, found);
  }
  return found;
}

/** A calendar date-holidays knows, or what is wrong with the country or the region, in words saying what to type. */
export type CalendarLookup = { ok: true; country: string; region: string | null; name: string } | { ok: false; field: 'country' | 'region'; message: string };

/**
 * Finds a holiday calendar by a country's two-letter code or English name ("DE", "Germany") and an
 * optional region code or name ("BY", "Bayern").
 */
export function lookUpCalendar(countryText: string, regionText: string | null): CalendarLookup {
  const countries = namesOf('');
  const wanted = countryText.trim();
  const country = Object.keys(countries).find((code) => code === wanted.toUpperCase() || countries[code]?.toLowerCase() === wanted.toLowerCase());
  if (!country)
    return {
      ok: false,
      field: 'country',
      message: `There is no holiday calendar for “${wanted}”. Type a country’s two-letter code or its name in English, e.g. DE or Germany, US or United States of America.`,
    };
  const countryName = countries[country] as string;
  const region = regionText?.trim();
  if (!region) return { ok: true, country, region: null, name: countryName };
  const regions = namesOf(country);
  const code = Object.keys(regions).find((r) => r === region.toUpperCase() || regions[r]?.toLowerCase() === region.toLowerCase());
  if (!code) {
    const known = Object.keys(regions);
    return {
      ok: false,
      field: 'region',
      message: known.length
        ? `${countryName} has no region “${region}”. Give no region for the whole country, or one of: ${known.join(', ')}.`
        : `${countryName} has one calendar for the whole country: give no region.`,
    };
  }
  return { ok: true, country, region: code, name: `${countryName} (${regions[code]})` };
}

/**
 * A person's holiday calendar as the people file gives it: "DE", "US-CA" (a country code and a
 * region code), or a country's English name as CRM exports write it ("Germany"). Returns the
 * stored form, "US-CA" or "DE", or what is wrong in words saying what to type.
 */
export function readCountry(text: string): { ok: true; code: string } | { ok: false; message: string } {
  const coded = /^([A-Za-z]{2})(?:[-_ ]([A-Za-z0-9]{1,6}))?$/.exec(text.trim());
  const found = coded ? lookUpCalendar(coded[1] as string, coded[2] ?? null) : lookUpCalendar(text, null);
  if (found.ok) return { ok: true, code: found.region ? `${found.country}-${found.region}` : found.country };
  if (found.field === 'region') return { ok: false, message: `country "${text.trim()}": ${found.message}` };
  return { ok: false, message: `country "${text.trim()}" has no holiday calendar: use a two-letter country code and an optional region, e.g. DE or US-CA` };
}

/** "US-CA" or "DE", as stored for a person: their country and optional region; null if unknown. */
export function parseCountry(text: string): { country: string; region: string | null } | null {
  const read = readCountry(text);
  if (!read.ok) return null;
  const [country, region] = read.code.split('-', 2);
  return { country: country as string, region: region ?? null };
}
