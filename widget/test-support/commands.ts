// The server commands the real-backend plugin answers, typed for both sides.
// A command must answer something other than null/undefined, or wtr reports it as unknown.
import type {JoinResult, MessageDto, ReceiptEvent, TypingEvent} from '../../protocol/chat.js';

export interface BackendInfo {
  /** What the widget talks to: a proxy in front of the backend that tests can cut. */
  url: string;
  /** The backend itself (serves dist/consult-chat.js). */
  directUrl: string;
  siteKey: string;
  prechatSiteKey: string;
  /** A firm whose allowlist does not hold the test page's origin. */
  refusedSiteKey: string;
}

/** command → [payload, result] */
export interface Commands {
  'backend:info': [undefined, BackendInfo];
  'net:cut': [undefined, true];
  'net:restore': [undefined, true];
  'lawyer:connect': [undefined, {id: string}];
  'lawyer:join': [{conversationId: string}, JoinResult];
  'lawyer:send': [{conversationId: string; body: string}, MessageDto];
  /** Every request line the backend's HTTP server saw (REST, polling, WebSocket upgrades). */
  'backend:request-urls': [undefined, string[]];
  'lawyer:delete': [{conversationId: string; messageId: string}, MessageDto];
  'lawyer:claim': [{conversationId: string}, true];
  'lawyer:typing': [{conversationId: string; typing: boolean}, true];
  'lawyer:receipt': [{conversationId: string; seq: number; kind: 'read' | 'delivered'}, true];
  'lawyer:events': [{conversationId: string}, {messages: MessageDto[]; typing: TypingEvent[]; receipts: ReceiptEvent[]}];
  'lawyer:disconnect': [undefined, true];
  /** What the host site would sign for a logged-in visitor of the prechat firm (HS256, firm identity secret). */
  'backend:identity-token': [{email: string; name: string}, string];
  /** The server drops every socket (as a deploy or an expired session would). */
  'backend:disconnect-all': [undefined, true];
  'backend:all-messages': [{conversationId: string}, MessageDto[]];
}
