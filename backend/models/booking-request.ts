// A visitor's booking request (firm mode `request`). While open (`pending` or `proposed`) it
// holds `hold` — the asked time, or the lawyer's proposal — so nobody else can take it: the
// consultation engine's overlap check reads open holds next to scheduled consultations, under
// the same lawyer lock.
import {Schema, type Connection, type Model, type Types} from 'mongoose';
import {REQUEST_STATUSES, type RequestStatus} from '../../protocol/booking.js';
import type {ProviderId} from '../../protocol/consultation.js';
import {bind, wireShape} from './shared.js';

export interface BookingRequest {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  conversationId: Types.ObjectId;
  applicantId: Types.ObjectId;
  lawyerId: Types.ObjectId;
  lawyerName: string;
  status: RequestStatus;
  /** Set while `accepting`: one taker at a time turns the request into a consultation. */
  busy: boolean;
  /** True while the request holds a time (pending or proposed). */
  holding: boolean;
  holdStart: Date;
  holdEnd: Date;
  start: Date;
  end: Date;
  durationMinutes: number;
  provider: ProviderId;
  bufferMinutes: number;
  proposal: {start: Date; end: Date} | null;
  reason: string | null;
  consultationId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export const bookingRequestSchema = new Schema<BookingRequest>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    conversationId: {type: Schema.Types.ObjectId, required: true},
    applicantId: {type: Schema.Types.ObjectId, required: true},
    lawyerId: {type: Schema.Types.ObjectId, required: true},
    lawyerName: {type: String, required: true},
    status: {type: String, enum: REQUEST_STATUSES, required: true},
    busy: {type: Boolean, default: false},
    holding: {type: Boolean, required: true},
    holdStart: {type: Date, required: true},
    holdEnd: {type: Date, required: true},
    start: {type: Date, required: true},
    end: {type: Date, required: true},
    durationMinutes: {type: Number, required: true},
    provider: {type: String, required: true},
    bufferMinutes: {type: Number, default: 0},
    proposal: {type: new Schema({start: Date, end: Date}, {_id: false}), default: null},
    reason: {type: String, default: null},
    consultationId: {type: Schema.Types.ObjectId, default: null},
  },
  {collection: 'booking_requests', timestamps: true, versionKey: false},
);
// The overlap check: a lawyer's open holds near a time (equality on lawyerId and holding, range on holdStart).
bookingRequestSchema.index({lawyerId: 1, holding: 1, holdStart: 1});
// A conversation's open requests (a new request withdraws the visitor's earlier one).
bookingRequestSchema.index({conversationId: 1, holding: 1});
wireShape(bookingRequestSchema);

export function bookingRequestModel(conn: Connection): Model<BookingRequest> {
  return bind(conn, 'BookingRequest', bookingRequestSchema);
}
