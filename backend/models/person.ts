// What an applicant and a lawyer both are: a person of one firm, seen now and then. Each model
// adds its own fields; the firm, last-seen time, join time and wire shape are set here once.
import {Schema, type SchemaDefinition, type Types} from 'mongoose';
import {wireShape} from './shared.js';

export interface FirmPerson {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  timeZone: string | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}

/** A person's schema: `own` fields between firmId and lastSeenAt; `secrets` never leave toJSON. */
export function personSchema<T extends FirmPerson>(own: SchemaDefinition, secrets: string[]): Schema<T> {
  const schema = new Schema<T>(
    {
      firmId: {type: Schema.Types.ObjectId, required: true},
      ...own,
      lastSeenAt: {type: Date, default: null},
    } as SchemaDefinition<T>,
    {timestamps: {createdAt: true, updatedAt: false}},
  );
  wireShape(schema, secrets);
  return schema;
}
