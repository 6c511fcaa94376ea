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

/** A country code date-holidays knows ('US', 'DE'), and a region of it if given ('CA', 'BY'); null if unknown. */
function knownCalendar(country: string, region: string | null): string | null {
  const countries = new Holidays().getCountries();
  const code = country.trim().toUpperCase();
  if (!countries[code]) return null;
  if (region) {
    const regions = new Holidays().getStates(code) ?? {};
    if (!regions[region.trim().toUpperCase()]) return null;
  }
  return code;
}

/** "US-CA" or "DE": a person's country and optional region, as the people file gives it. */
export function parseCountry(text: string): { country: string; region: string | null } | null {
  const [country, region] = text.trim().toUpperCase().split(/[-_ ]/, 2);
  if (!country || !/^[A-Z]{2}$/.test(country)) return null;
  return knownCalendar(country, region ?? null) ? { country, region: region ?? null } : null;
}
