import { z } from 'zod';

/** Exchange with other QDA programs (REFI-QDA) and Excel: what can be exported. Pure TS, shared by backend and UI. */

/** A REFI-QDA project or codebook, one of the study's tables as an Excel workbook, or the retrieval report (Word). */
export const EXPORT_KINDS = ['qdpx', 'qdc', 'segments', 'matrix', 'judgments', 'review', 'agreement', 'retrieval'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const TABLE_KINDS = ['segments', 'matrix', 'judgments', 'review', 'agreement'] as const satisfies readonly ExportKind[];
export type TableKind = (typeof TABLE_KINDS)[number];

/** A mapping's word for "add as new" (codes: a new code; users: a new inspector, never matched by name or initials). */
export const MAP_AS_NEW = 'nieuw';

/** The user's choices (the CLI's --map file): codes onto norm keys or "nieuw", users onto initials or "nieuw". */
export const importMappingSchema = z
  .object({
    codes: z.record(z.string().max(1000), z.string().max(200)).default({}),
    users: z.record(z.string().max(1000), z.string().max(20)).default({}),
    institution: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ImportMapping = z.infer<typeof importMappingSchema>;
