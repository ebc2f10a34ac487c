import { z } from 'zod';

/**
 * chair: everything in the kecamatan; clerk: tallies of its panel's desa; witness and panwas
 * (Panwascam): read everything, record objections.
 */
export const ROLES = ['chair', 'clerk', 'witness', 'panwas'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
