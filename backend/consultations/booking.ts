// The booking as the engine takes it: the client's fields (rules from protocol/schemas.ts) plus
// the lawyer's and applicant's details the façade reads.
import {z} from 'zod';
import {consultationMinutes, email, isoInstant, objectId, providerId, timeZone} from '../../protocol/schemas.js';
import {invalidInput} from '../errors.js';

const instant = z.union([z.date(), isoInstant]).transform((v) => new Date(v)).refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date');
const name = z.string().trim().min(1).max(120);

export const scheduleSchema = z.object({
  conversationId: objectId('conversationId'),
  firmId: objectId('firmId'),
  firmName: z.string().trim().max(120).nullish(),
  lawyer: z.object({id: objectId('lawyer.id'), name, email, timeZone, personalMeetingUrl: z.string().max(500).nullish()}),
  applicant: z.object({id: objectId('applicant.id'), name: name.nullish(), email: email.nullish(), timeZone: timeZone.nullish()}),
  start: instant,
  durationMinutes: consultationMinutes,
  provider: providerId,
});

const participantUpdate = z.object({name: name.nullish(), email: email.nullish(), timeZone: timeZone.nullish()}).optional();

export const rescheduleSchema = z.object({
  consultationId: objectId('consultationId'),
  firmId: objectId('firmId').optional(),
  firmName: z.string().trim().max(120).nullish(),
  start: instant,
  durationMinutes: consultationMinutes.optional(),
  applicant: participantUpdate,
});

export const cancelSchema = z.object({
  consultationId: objectId('consultationId'),
  firmId: objectId('firmId').optional(),
  firmName: z.string().trim().max(120).nullish(),
});

export type ScheduleInput = z.input<typeof scheduleSchema>;
export type RescheduleInput = z.input<typeof rescheduleSchema>;
export type CancelInput = z.input<typeof cancelSchema>;

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidInput(r.error);
}

