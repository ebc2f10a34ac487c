import { z } from 'zod';

/**
 * chair: everything in the kecamatan; clerk: the tallies of its panel's desa; witness and panwas
 * (Panwascam): read everything, file objections and special events.
 */
export const ROLES = ['chair', 'clerk', 'witness', 'panwas'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
