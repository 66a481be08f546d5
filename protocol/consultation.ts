// The consultation shapes both sides see: REST/socket payloads and the chat card.

export const PROVIDERS = ['jitsi', 'google-meet', 'zoom', 'personal'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** Product names shown on cards and in the console; a lawyer's personal link has none. */
export const PROVIDER_NAMES: Record<ProviderId, string> = {jitsi: 'Jitsi Meet', 'google-meet': 'Google Meet', zoom: 'Zoom', personal: ''};

export const CONSULTATION_STATUSES = ['scheduled', 'cancelled'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** The change a card or an invite announces. */
export const CONSULTATION_EVENTS = ['scheduled', 'rescheduled', 'cancelled'] as const;
export type ConsultationEvent = (typeof CONSULTATION_EVENTS)[number];

/** Email states plus `skipped` (nobody to send to, e.g. an applicant without an email address). */
export const INVITE_STATUSES = ['pending', 'sent', 'failed', 'captured', 'skipped'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

export const MIN_CONSULTATION_MINUTES = 15;
export const MAX_CONSULTATION_MINUTES = 240;

export interface InviteDTO {
  event: ConsultationEvent;
  sequence: number;
  status: InviteStatus;
  reason: string | null;
}

export interface ConsultationDTO {
  id: string;
  conversationId: string;
  firmId: string;
  lawyerId: string;
  applicantId: string;
  title: string;
  /** ISO 8601, UTC. */
  start: string;
  end: string;
  lawyerTimeZone: string;
  applicantTimeZone: string;
  provider: ProviderId;
  joinUrl: string;
  status: ConsultationStatus;
  sequence: number;
  invites: {lawyer: InviteDTO | null; applicant: InviteDTO | null};
  createdAt: string;
  updatedAt: string;
}

/** What a `consultation` message carries: the consultation plus ways to add it to a calendar. */
export interface ConsultationCard extends ConsultationDTO {
  links: {google: string; outlook: string; ics: string};
}
