import { z } from 'zod';
import { objectId, timestamp, timeOfDay } from '../domain';
import { command } from './define';
import { certificateVersionSchema } from './records';

/** A point on a lane: what happened, in the words of the event marker and its tooltip. */
export const timelineMarkerSchema = z.object({
  at: timestamp,
  kind: z.enum(['ir', 'kur', 'waiting', 'polled', 'issued', 'confirmed', 'failed', 'rejected', 'deleted', 'revoked', 'other']),
  label: z.string(),
});
export type TimelineMarker = z.infer<typeof timelineMarkerSchema>;

/** One record's lane: its certificate versions as validity bars, markers, and what the engine expects next. */
export const timelineLaneSchema = z.object({
  recordId: objectId,
  name: z.string(),
  versions: z.array(certificateVersionSchema),
  renewBeforeExpiryDays: z.number().int().nullable(),
  markers: z.array(timelineMarkerSchema),
  /** Renewals the lifecycle forecasts ahead of now (empty when no forecast is available). */
  forecast: z.array(z.object({ at: timestamp, type: z.enum(['ir', 'kur']), reason: z.string() })),
});
export type TimelineLane = z.infer<typeof timelineLaneSchema>;

export const timelineSchema = z.object({
  lanes: z.array(timelineLaneSchema),
  /** The daily KUR window (local time of day), drawn as bands. */
  kurWindow: z.object({ start: timeOfDay, end: timeOfDay }),
  /** Whether `forecast` comes from the lifecycle engine's own policy. */
  forecastAvailable: z.boolean(),
  generatedAt: timestamp,
});
export type Timeline = z.infer<typeof timelineSchema>;

/** The most lanes asked for at once; the view shows the first lanes of the filtered list. */
export const maxTimelineLanes = 200;

export const timelineCommands = {
  'timeline.get': command(z.object({ recordIds: z.array(objectId).max(maxTimelineLanes) }).strict(), timelineSchema),
};
