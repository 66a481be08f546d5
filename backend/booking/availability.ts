// Reading and writing lawyers' availability. A lawyer edits their own; a firm owner edits
// anyone's in the firm. Another firm's lawyer is as invisible as a missing one.
import {Types, type Connection} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {AvailabilityDTO} from '../../protocol/booking.js';
import {AppError} from '../errors.js';
import type {Lawyer, Models} from '../models/index.js';
import {availabilityModel, type Availability} from '../models/availability.js';
import type {SlotRules} from './slots.js';

export interface LawyerRules extends SlotRules {
  lawyerId: string;
  lawyerName: string;
  providers: Availability['providers'];
}

/** Until a lawyer sets hours there are none: nobody is bookable by accident. */
function defaults(lawyer: Lawyer): Omit<AvailabilityDTO, 'lawyerId' | 'lawyerName'> {
  return {timeZone: lawyer.timeZone || 'UTC', weekly: [], datesOff: [], minNoticeMinutes: 720, bufferMinutes: 0, durations: [30], providers: ['jitsi']};
}

function toDto(lawyer: Lawyer, a: Availability | null): AvailabilityDTO {
  const base = defaults(lawyer);
  return {
    lawyerId: String(lawyer._id),
    lawyerName: lawyer.name,
    ...(a ? {timeZone: a.timeZone, weekly: a.weekly.map(({day, start, end}) => ({day, start, end})), datesOff: [...a.datesOff], minNoticeMinutes: a.minNoticeMinutes, bufferMinutes: a.bufferMinutes, durations: [...a.durations], providers: [...a.providers]} : base),
  };
}

export function createAvailabilityService(deps: {db: Connection; models: Models; configuredProviders: () => string[]}) {
  const Availability = availabilityModel(deps.db);
  const {Lawyer} = deps.models;

  /** The lawyer `p` may act on: themself, or (owners) a lawyer of their firm. */
  async function target(p: SocketPrincipal, lawyerId: string | undefined): Promise<Lawyer> {
    const id = lawyerId ?? p.id;
    if (id !== p.id && p.role !== 'owner') throw new AppError('forbidden', "only the firm's owners can see or change another lawyer's availability");
    const lawyer = await Lawyer.findById(id).lean<Lawyer>();
    if (!lawyer || String(lawyer.firmId) !== p.firmId) throw new AppError('not_found', 'no such lawyer in your firm');
    return lawyer;
  }

  return {
    async get(p: SocketPrincipal, input: Valid<'availabilityRef'>): Promise<AvailabilityDTO> {
      const lawyer = await target(p, input.lawyerId);
      return toDto(lawyer, await Availability.findById(lawyer._id).lean<Availability>());
    },

    async set(p: SocketPrincipal, input: Valid<'availability'>): Promise<AvailabilityDTO> {
      const lawyer = await target(p, input.lawyerId);
      const unknown = input.providers.filter((x) => !deps.configuredProviders().includes(x));
      if (unknown.length) throw new AppError('bad_request', `provider ${unknown.join(', ')} is not configured here; available: ${deps.configuredProviders().join(', ')}`);
      if (input.providers.includes('personal') && !lawyer.personalMeetingUrl) throw new AppError('bad_request', 'the personal provider needs a personal meeting link on the profile');
      const doc = {
        firmId: lawyer.firmId, timeZone: input.timeZone ?? lawyer.timeZone ?? 'UTC',
        weekly: [...input.weekly].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start)),
        datesOff: [...new Set(input.datesOff)].sort(), minNoticeMinutes: input.minNoticeMinutes, bufferMinutes: input.bufferMinutes,
        durations: [...new Set(input.durations)].sort((a, b) => a - b), providers: [...new Set(input.providers)],
      };
      for (let i = 1; i < doc.weekly.length; i++) {
        const [a, b] = [doc.weekly[i - 1], doc.weekly[i]];
        if (a.day === b.day && b.start < a.end) throw new AppError('bad_request', `the hours ${a.start}–${a.end} and ${b.start}–${b.end} overlap on day ${a.day}`);
      }
      // Written whole: one document, one writer per edit.
      await Availability.replaceOne({_id: lawyer._id}, doc, {upsert: true});
      return toDto(lawyer, {...doc, _id: lawyer._id, updatedAt: new Date()});
    },

    /** The bookable lawyers among `lawyerIds` (or the whole firm), with their rules. */
    async rules(firmId: string, lawyerIds?: Types.ObjectId[]): Promise<LawyerRules[]> {
      const docs = lawyerIds?.length
        ? await Availability.find({_id: {$in: lawyerIds}}).lean<Availability[]>()
        : await Availability.find({firmId: new Types.ObjectId(firmId)}).lean<Availability[]>();
      const mine = docs.filter((d) => String(d.firmId) === firmId && d.weekly.length > 0);
      // A deactivated lawyer takes no bookings, whatever hours they left behind.
      const lawyers = new Map((await Lawyer.find({_id: {$in: mine.map((d) => d._id)}}).lean<Lawyer[]>()).filter((l) => l.active !== false).map((l) => [String(l._id), l]));
      return mine.filter((d) => lawyers.has(String(d._id))).map((d) => ({
        lawyerId: String(d._id), lawyerName: lawyers.get(String(d._id))!.name,
        timeZone: d.timeZone, weekly: d.weekly, datesOff: d.datesOff, minNoticeMinutes: d.minNoticeMinutes, bufferMinutes: d.bufferMinutes, durations: d.durations, providers: d.providers,
      }));
    },

    ensureIndexes: () => Availability.createIndexes(),
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
