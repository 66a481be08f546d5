// The booking as the engine takes it: the client's fields (rules from protocol/schemas.ts) plus
// the lawyer's and applicant's details the façade reads.
import {z} from 'zod';
import {consultationMinutes, email, isoInstant, objectId, providerId, timeZone} from '../../protocol/schemas.js';
import {invalidInput} from '../errors.js';

const instant = z.union([z.date(), isoInstant]).transform((v) => new Date(v)).refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date');
const name = z.string().trim().min(1).max(120);

const lang = z.string().max(8).nullish();
/** How emails look: the firm's name, logo and accent. */
const brand = z.object({name: z.string().trim().min(1).max(200), logoUrl: z.string().max(500).nullish(), accent: z.string().max(20).nullish()}).nullish();

export const scheduleSchema = z.object({
  conversationId: objectId('conversationId'),
  firmId: objectId('firmId'),
  firmName: z.string().trim().max(120).nullish(),
  brand,
  lawyer: z.object({id: objectId('lawyer.id'), name, email, timeZone, personalMeetingUrl: z.string().max(500).nullish(), lang}),
  applicant: z.object({id: objectId('applicant.id'), name: name.nullish(), email: email.nullish(), timeZone: timeZone.nullish(), lang}),
  notes: z.string().trim().max(2000).nullish(),
  bookedBy: z.enum(['lawyer', 'applicant']).optional(),
  start: instant,
  durationMinutes: consultationMinutes,
  provider: providerId,
  /** Self-service bookings keep the lawyer's buffer clear around other consultations (checked under the lock). */
  bufferMinutes: z.number().int().min(0).max(240).optional(),
  /** The page the chat started on (an allowed origin of the firm), for the reschedule link. */
  startUrl: z.string().max(2000).nullish(),
  /** Accepting a booking request: its own hold does not count as a clash. */
  holdExcept: objectId('holdExcept').optional(),
});

const participantUpdate = z.object({name: name.nullish(), email: email.nullish(), timeZone: timeZone.nullish()}).optional();

export const rescheduleSchema = z.object({
  consultationId: objectId('consultationId'),
  firmId: objectId('firmId').optional(),
  firmName: z.string().trim().max(120).nullish(),
  brand,
  start: instant,
  durationMinutes: consultationMinutes.optional(),
  applicant: participantUpdate,
  by: z.enum(['lawyer', 'applicant']).optional(),
  bufferMinutes: z.number().int().min(0).max(240).optional(),
});

export const cancelSchema = z.object({
  consultationId: objectId('consultationId'),
  firmId: objectId('firmId').optional(),
  firmName: z.string().trim().max(120).nullish(),
  brand,
  /** Who cancelled, for the line in the chat. */
  by: z.enum(['lawyer', 'applicant']).optional(),
});

export type ScheduleInput = z.input<typeof scheduleSchema>;
export type RescheduleInput = z.input<typeof rescheduleSchema>;
export type CancelInput = z.input<typeof cancelSchema>;

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidInput(r.error);
}

