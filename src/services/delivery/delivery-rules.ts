/**
 * Each SKO's working hours and holiday calendar, as its lead sets them in the settings modal. No
 * row means the defaults: 08:00–18:00, Monday to Friday, no holiday calendar.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { deliveryRules } from '../../../db/schema.js';
import type { DeliveryRules } from '../../domain/send-times/rules-form.js';
import { DEFAULT_WORKING_HOURS } from '../../domain/send-times/send-time.js';

export function deliveryRulesOf(db: Db, eventId: number): DeliveryRules {
  const row = db.select().from(deliveryRules).where(eq(deliveryRules.eventId, eventId)).get();
  if (!row)
    return {
      workStart: DEFAULT_WORKING_HOURS.start,
      workEnd: DEFAULT_WORKING_HOURS.end,
      workDays: [...DEFAULT_WORKING_HOURS.days],
      holidayCountry: null,
      holidayRegion: null,
      holidaysAdded: [],
      holidaysRemoved: [],
    };
  return {
    workStart: row.workStart,
    workEnd: row.workEnd,
    workDays: row.workDays,
    holidayCountry: row.holidayCountry,
    holidayRegion: row.holidayRegion,
    holidaysAdded: row.holidaysAdded,
    holidaysRemoved: row.holidaysRemoved,
  };
}

/** Replaces the SKO's rules; the dispatcher reads them on its next run. */
export function saveDeliveryRules(db: Db, eventId: number, rules: DeliveryRules): void {
  const set = { ...rules, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` };
  db.insert(deliveryRules)
    .values({ eventId, ...rules })
    .onConflictDoUpdate({ target: deliveryRules.eventId, set })
    .run();
}
