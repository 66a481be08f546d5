// Self-service booking: lawyers' availability, the slots a visitor may pick, the firm's mode.
import type {ProviderId} from './consultation.js';

/** `off`: no booking in the widget; `instant`: a pick books; `request`: the lawyer confirms. */
export const BOOKING_MODES = ['off', 'instant', 'request'] as const;
export type BookingMode = (typeof BOOKING_MODES)[number];

/** How far ahead the slot picker looks. */
export const BOOKING_HORIZON_DAYS = 14;
/** Slots start on this grid (minutes past the hour in the lawyer's zone). */
export const SLOT_STEP_MINUTES = 30;

/** One stretch of working time on a weekday (0 = Sunday), wall clock in the lawyer's zone. */
export interface WeeklyHours {
  day: number;
  /** "09:00" */
  start: string;
  /** "17:30" */
  end: string;
}

export interface AvailabilityDTO {
  lawyerId: string;
  lawyerName: string;
  timeZone: string;
  weekly: WeeklyHours[];
  /** Local dates ("2030-03-28") with no bookings. */
  datesOff: string[];
  minNoticeMinutes: number;
  bufferMinutes: number;
  durations: number[];
  providers: ProviderId[];
}

export interface SlotDTO {
  /** ISO 8601, UTC. */
  start: string;
  end: string;
  lawyerId: string;
}

export interface SlotsDTO {
  mode: BookingMode;
  durations: number[];
  providers: ProviderId[];
  /** The lawyer's zone, for the picker's footnote. */
  lawyerTimeZone: string | null;
  slots: SlotDTO[];
}

export interface BookingResult {
  /** `booked` (instant) or `requested` (waiting for the lawyer). */
  status: 'booked' | 'requested';
  consultationId: string | null;
  requestId: string | null;
  start: string;
  end: string;
}

/** What the widget knows about the visitor's contact details. */
export interface ContactStatus {
  email: string | null;
  verified: boolean;
}

/**
 * A booking request (firm mode `request`): `pending` waits for the lawyer, `proposed` waits for
 * the visitor to take the lawyer's other time; both hold their time so nobody else takes it.
 * `accepted` became a consultation; `declined` and `withdrawn` (the visitor asked again) free it.
 */
export const REQUEST_STATUSES = ['pending', 'proposed', 'accepted', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The request's card in the conversation (a `request` message), kept current in place. */
export interface BookingRequestCard {
  id: string;
  conversationId: string;
  lawyerId: string;
  lawyerName: string;
  status: RequestStatus;
  /** The time the visitor asked for (ISO, UTC). */
  start: string;
  end: string;
  /** The lawyer's other time, while `proposed` (and kept once accepted). */
  proposal: {start: string; end: string} | null;
  /** Why the lawyer declined, if they said. */
  reason: string | null;
  consultationId: string | null;
}
