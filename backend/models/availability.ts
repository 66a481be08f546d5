// When a lawyer may be booked from the widget: weekly hours in their own zone, dates off,
// notice, buffer, durations and providers. One document per lawyer (`_id` = the lawyer's id),
// written whole by its editor, so there is never a partial update to lose.
import {Schema, type Connection, type Model, type Types} from 'mongoose';
import {bind} from './shared.js';
import {PROVIDERS, type ProviderId} from '../../protocol/consultation.js';
import type {WeeklyHours} from '../../protocol/booking.js';

export interface Availability {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  timeZone: string;
  weekly: WeeklyHours[];
  datesOff: string[];
  minNoticeMinutes: number;
  bufferMinutes: number;
  durations: number[];
  providers: ProviderId[];
  updatedAt: Date;
}

export const availabilitySchema = new Schema<Availability>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    timeZone: {type: String, required: true},
    weekly: {type: [{day: Number, start: String, end: String, _id: false}], default: []},
    datesOff: {type: [String], default: []},
    minNoticeMinutes: {type: Number, required: true, default: 720},
    bufferMinutes: {type: Number, required: true, default: 0},
    durations: {type: [Number], default: [30]},
    providers: {type: [{type: String, enum: PROVIDERS}], default: ['jitsi']},
  },
  {collection: 'availability', timestamps: {createdAt: false, updatedAt: true}, versionKey: false},
);
// The firm's bookable lawyers.
availabilitySchema.index({firmId: 1});

export function availabilityModel(conn: Connection): Model<Availability> {
  return bind(conn, 'Availability', availabilitySchema);
}
