// What the firm's administration stores besides the firm itself: the audit log, small images
// (logos, avatars) and the leases that let one process at a time run a daily job.
import {Schema, type Types} from 'mongoose';

export interface AuditEntry {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  at: Date;
  actor: {id: Types.ObjectId | null; name: string};
  action: string;
  changes: {field: string; from?: unknown; to?: unknown}[];
}

export const auditSchema = new Schema<AuditEntry>({
  firmId: {type: Schema.Types.ObjectId, required: true},
  at: {type: Date, required: true},
  actor: {id: {type: Schema.Types.ObjectId, default: null}, name: {type: String, required: true}},
  action: {type: String, required: true},
  changes: {type: [{field: String, from: Schema.Types.Mixed, to: Schema.Types.Mixed, _id: false}], default: []},
});
auditSchema.index({firmId: 1, at: -1});

/** A logo or avatar: sniffed type, at most 20 KB, served with its hash in the URL. */
export interface StoredImage {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  type: string;
  data: Buffer;
  sha: string;
  createdAt: Date;
}

export const imageSchema = new Schema<StoredImage>({
  firmId: {type: Schema.Types.ObjectId, required: true},
  type: {type: String, required: true},
  data: {type: Buffer, required: true},
  sha: {type: String, required: true},
}, {timestamps: {createdAt: true, updatedAt: false}});
imageSchema.index({firmId: 1});

/** `_id` names the job; whoever holds an unexpired lease runs it. */
export interface Lease {
  _id: string;
  holder: string;
  until: Date;
  /** The last day (UTC, `YYYY-MM-DD`) the job completed. */
  doneDay: string | null;
}

export const leaseSchema = new Schema<Lease>({
  _id: {type: String, required: true},
  holder: {type: String, required: true},
  until: {type: Date, required: true},
  doneDay: {type: String, default: null},
});
