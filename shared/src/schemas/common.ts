import { z } from 'zod';

/** The error body of every failed API call. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const uuidSchema = z.uuid();
export const localeSchema = z.enum(['de', 'en']);
export type Locale = z.infer<typeof localeSchema>;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe base64');
export const base64Key = (bytes: number) =>
  base64url.refine((value) => Math.floor((value.length * 3) / 4) === bytes, `must encode ${bytes} bytes`);
export const base64Blob = (maxLength: number) => base64url.max(maxLength);
