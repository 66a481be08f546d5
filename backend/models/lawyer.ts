import {personSchema, type FirmPerson} from './person.js';

export interface Lawyer extends FirmPerson {
  name: string;
  email: string;
  passwordHash: string;
  role: 'owner' | 'lawyer';
  timeZone: string;
  personalMeetingUrl: string | null;
}

export const lawyerSchema = personSchema<Lawyer>(
  {
    name: {type: String, required: true, trim: true, maxlength: 200},
    email: {type: String, required: true, lowercase: true, trim: true},
    passwordHash: {type: String, required: true},
    role: {type: String, enum: ['owner', 'lawyer'], default: 'lawyer'},
    timeZone: {type: String, default: 'UTC'},
    personalMeetingUrl: {type: String, default: null},
  },
  ['passwordHash'],
);
lawyerSchema.index({email: 1}, {unique: true});
lawyerSchema.index({firmId: 1});
