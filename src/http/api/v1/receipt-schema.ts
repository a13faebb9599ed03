import { z } from 'zod';

export const receiptCredentialsSchema = z.object({
  registrationNumber: z.string({ error: 'receipt.invalid' }).max(64, { error: 'receipt.invalid' }),
  queryPassword: z.string({ error: 'receipt.invalid' }).max(64, { error: 'receipt.invalid' }),
});
