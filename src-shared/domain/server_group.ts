import { z } from 'zod';
import { objectId, objectName } from './common';

/** The most servers a group may hold (reference/000: more than 10 is refused on save). */
export const maxServersPerGroup = 10;

/** cmp-server-group: servers tried round-robin in the configured order. */
export const serverGroupSchema = z.object({
  id: objectId,
  name: objectName,
  serverIds: z
    .array(objectId)
    .min(1, { error: 'must list at least one CMP server' })
    .max(maxServersPerGroup, { error: `must list at most ${maxServersPerGroup} CMP servers` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'must not list the same CMP server twice' }),
});
export type ServerGroup = z.infer<typeof serverGroupSchema>;
