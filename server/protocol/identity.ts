import { z } from 'zod';
import { ID_LAST4_PATTERN } from './id-last4.ts';

/** What a resident types to prove who they are: the last four characters of the ID number (digits, or X last). */
export const IdLast4Schema = z.string().trim().toUpperCase().regex(ID_LAST4_PATTERN, 'the last four characters of your ID number');
