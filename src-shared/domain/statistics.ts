import { z } from 'zod';
import { objectId, timestamp } from './common';

/** The CMP messages we count (reference/002's statistics). */
export const statisticsMessageType = z.enum(['ir', 'cr', 'kur', 'p10cr', 'rr', 'genm', 'pollReq', 'certConf'], { error: 'must be a CMP request type' });
export type StatisticsMessageType = z.infer<typeof statisticsMessageType>;

/** How one request ended. */
export const statisticsOutcome = z.enum(['accepted', 'waiting', 'rejected', 'error', 'timeout'], { error: 'must be accepted, waiting, rejected, error or timeout' });
export type StatisticsOutcome = z.infer<typeof statisticsOutcome>;

/** One counter: how often a message type ended with an outcome for a record. */
export const statisticsCounterSchema = z.object({
  recordId: objectId.nullable(),
  messageType: statisticsMessageType,
  outcome: statisticsOutcome,
  count: z.number().int().min(0),
  lastAt: timestamp,
});
export type StatisticsCounter = z.infer<typeof statisticsCounterSchema>;
