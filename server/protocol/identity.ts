import { z } from 'zod';

/** What a resident types to prove who they are: the last four characters of the ID number (digits, or X last). */
export const IdLast4Schema = z.string().trim().toUpperCase().regex(/^[0-9X]{4}$/, 'the last four characters of your ID number');
