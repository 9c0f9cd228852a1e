import { z } from 'zod';

/** Whether demo data (`praevis demo`) exist: the public page, the dashboard and every export then say "Demo-Daten" (decision 036). */
export const demoStatusSchema = z.object({ demo: z.boolean() });
export type DemoStatus = z.infer<typeof demoStatusSchema>;
