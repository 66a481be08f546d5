// REST request and response bodies under /api/v1.
import type {ApplicantDto, ConversationDto, FirmPublicDto, LawyerDto, MessageDto, MessagePage} from './chat.js';
import type {Input} from './schemas.js';

export const API_PREFIX = '/api/v1';

/** POST /widget/session. */
export type WidgetSessionRequest = Input<'widgetSession'>;

export interface WidgetSessionResponse {
  token: string;
  expiresAt: string;
  applicant: ApplicantDto;
  visitorId: string;
  /** Only when a new visitor was created: keep it to resume later. */
  visitorSecret?: string;
  firm: FirmPublicDto;
}

/** POST /auth/login. */
export type LoginRequest = Input<'login'>;

export interface LoginResponse {
  token: string;
  expiresAt: string;
  lawyer: LawyerDto;
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
