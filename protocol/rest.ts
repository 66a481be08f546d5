// REST request and response bodies under /api/v1.
import type {ApplicantDto, ConversationDto, FirmPublicDto, LawyerDto, MessageDto, MessagePage} from './chat.js';

export const API_PREFIX = '/api/v1';

export interface WidgetSessionRequest {
  siteKey: string;
  /** Returned by an earlier session; with the secret it resumes the same applicant. */
  visitorId?: string;
  visitorSecret?: string;
  /** A JWT (HS256) the host site signs with the firm's identity secret: {email, name}. */
  identityToken?: string;
  name?: string;
  email?: string;
  timeZone?: string;
}

export interface WidgetSessionResponse {
  token: string;
  expiresAt: string;
  applicant: ApplicantDto;
  visitorId: string;
  /** Only when a new visitor was created: keep it to resume later. */
  visitorSecret?: string;
  firm: FirmPublicDto;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  lawyer: LawyerDto;
}

export interface SendMessageRequest {
  clientId: string;
  body: string;
}

export interface ConversationListResponse {
  /** `online`: whether the applicant has a connection now (lawyers' lists only). */
  conversations: (ConversationDto & {unread: number; online?: boolean})[];
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: string | null;
}

/** GET /lawyers: the caller's firm's lawyers, for assigning conversations. */
export interface LawyerListResponse {
  lawyers: (LawyerDto & {online: boolean})[];
}

export type {MessageDto, MessagePage};
