import { z } from 'zod';
import { TpsCodeSchema } from '../domain/codes/codes.ts';
import { HashHexSchema } from '../domain/summary/schema.ts';

/**
 * Photo blobs (issue 17, docs/sync.md): `PUT /api/blobs/<sha256>?tps=<tps>` with the bytes as the
 * body and the image type as Content-Type; `GET /api/blobs/<sha256>` answers the bytes. Content
 * addressed: the path names the SHA-256 of the body, which the server checks on arrival.
 */
export const blobPath = (sha256: string): string => `/api/blobs/${sha256}`;

export const BlobHashParamSchema = HashHexSchema;

/** The TPS the photo belongs to: the server stores it only for a device that may write that TPS. */
export const BlobPutQuerySchema = z.object({ tps: TpsCodeSchema });

export const BlobPutResponseSchema = z.object({
  sha256: HashHexSchema,
  /** false: the server had these bytes already (a re-put changes nothing). */
  stored: z.boolean(),
});
export type BlobPutResponse = z.infer<typeof BlobPutResponseSchema>;
