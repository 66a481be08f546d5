// A firm's webhook receiver: verifies every delivery with the `standardwebhooks` package (not
// the backend's signing code), deduplicates on webhook-id, and can be taken down on purpose.
import {Webhook} from 'standardwebhooks';
import {startStandin, type Standin} from './http.js';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface WebhookReceiver extends Standin {
  /** Set once the endpoint is registered (the secret is shown once). */
  secret?: string;
  /** While true, every delivery is answered 503 (an outage). */
  down: boolean;
  /** Distinct events by webhook-id, in arrival order. */
  readonly events: ReceivedEvent[];
  /** Every verified request, duplicates included. */
  readonly deliveries: number;
  /** Requests whose signature did not verify. */
  readonly badSignatures: string[];
  ofType(type: string): ReceivedEvent[];
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const seen = new Map<string, ReceivedEvent>();
  const events: ReceivedEvent[] = [];
  const badSignatures: string[] = [];
  let deliveries = 0;
  const receiver = {
    secret: undefined as string | undefined,
    down: false,
    events,
    badSignatures,
    get deliveries() {
      return deliveries;
    },
    ofType: (type: string) => events.filter((e) => e.type === type),
  };
  const standin = await startStandin((req) => {
    if (receiver.down) return {status: 503, body: 'down for maintenance'};
    let payload: {type: string; data: Record<string, unknown>};
    try {
      payload = new Webhook(receiver.secret!).verify(req.raw, req.headers as Record<string, string>) as typeof payload;
    } catch (err) {
      badSignatures.push(`${req.headers['webhook-id']}: ${(err as Error).message}`);
      return {status: 400, body: 'bad signature'};
    }
    deliveries++;
    const id = String(req.headers['webhook-id']);
    if (!seen.has(id)) {
      const event = {id, type: payload.type, data: payload.data};
      seen.set(id, event);
      events.push(event);
    }
    return {status: 204};
  });
  return Object.assign(receiver, standin);
}
