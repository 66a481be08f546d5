// Browser-side helpers for the tests that run against the real backend.
import {executeServerCommand} from '@web/test-runner-commands';
import {waitUntil} from '@open-wc/testing';
import type {Commands} from './commands.js';
import type {ConsultChat} from '../consult-chat/consult-chat.js';
import type {ChatController} from '../shared/chat-controller.js';
import type {ConversationCore} from '../shared/conversation-core.js';

export function cmd<K extends keyof Commands>(command: K, ...payload: Commands[K][0] extends undefined ? [] : [Commands[K][0]]): Promise<Commands[K][1]> {
  return executeServerCommand<Commands[K][1], Commands[K][0]>(command, payload[0] as Commands[K][0]);
}

/**
 * The element's conversation, with the applicant's session beside it: tests read conversation
 * ids and cursors from it, never write.
 */
export function controllerOf(el: ConsultChat): ConversationCore & Pick<ChatController, 'session'> {
  const chat = (el as unknown as {chat: ChatController}).chat;
  return new Proxy(chat.core, {get: (core, key) => (key === 'session' ? chat.session : Reflect.get(core, key))}) as ConversationCore & Pick<ChatController, 'session'>;
}

export function shadow<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function shadowAll<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Waits until the widget joined its conversation; returns the conversation id. */
export async function joined(el: ConsultChat, timeout = 10_000): Promise<string> {
  await waitUntil(() => controllerOf(el).state === 'online' && controllerOf(el).conversation, 'the widget did not join its conversation', {timeout});
  return controllerOf(el).conversation!.id;
}

/** Clears every key the widget stores, so a test starts as a new visitor. */
export function forgetVisitor(): void {
  for (const k of Object.keys(localStorage)) if (k.startsWith('consult-chat:')) localStorage.removeItem(k);
}

export async function typeAndSend(el: ConsultChat, text: string): Promise<void> {
  const box = shadow<HTMLTextAreaElement>(el, 'textarea')!;
  box.value = text;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, composed: true, cancelable: true}));
}

export const bubbles = (el: ConsultChat) => shadowAll(el, '.bubble').map((b) => b.textContent!.trim());

/** Watches every render and keeps the most copies of a bubble with this text ever shown at once. */
export function maxCopiesShown(el: ConsultChat, text: string): {readonly max: number; stop(): void} {
  let max = 0;
  const count = () => (max = Math.max(max, bubbles(el).filter((b) => b === text).length));
  const mo = new MutationObserver(count);
  mo.observe(el.shadowRoot!, {subtree: true, childList: true, characterData: true});
  return {
    get max() {
      count();
      return max;
    },
    stop: () => mo.disconnect(),
  };
}
