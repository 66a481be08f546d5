// Firms and lawyer accounts: created by the admin CLI and the development seed.
import {Types} from 'mongoose';
import type {FirmPublicDto} from '../../protocol/chat.js';
import {AppError} from '../errors.js';
import type {Firm, Lawyer, Models} from '../models/index.js';
import {hashPassword, randomToken} from '../auth/passwords.js';
import {email, objectId, timeZone} from '../../protocol/schemas.js';
import {z} from 'zod';

/** `scheme://host[:port]`, lowercase, no path: the form browsers send in `Origin`. */
export function normalizeOrigin(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('bad_request', `origin ${value} must be http or https`);
  return url.origin.toLowerCase();
}

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f4e79');

export const createFirmInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(z.string().url()).min(1).max(50),
  accent: hexColour.optional(),
  greeting: z.string().trim().min(1).max(500).optional(),
  timeZone: timeZone.optional(),
  prechat: z.strictObject({enabled: z.boolean(), requireEmail: z.boolean().default(false), topics: z.array(z.string().max(100)).max(20).default([])}).optional(),
});

export const createLawyerInput = z.strictObject({
  firmId: objectId('firmId'),
  name: z.string().trim().min(1).max(200),
  email,
  password: z.string().min(10, 'must be at least 10 characters').max(1024),
  role: z.enum(['owner', 'lawyer']).default('lawyer'),
  timeZone: timeZone.optional(),
});

export function firmPublicDto(f: Firm): FirmPublicDto {
  return {
    id: String(f._id),
    name: f.name,
    accent: f.branding?.accent ?? '#1f4e79',
    greeting: f.branding?.greeting ?? '',
    logoUrl: f.branding?.logoUrl ?? null,
    timeZone: f.timeZone,
    prechat: {enabled: !!f.prechat?.enabled, requireEmail: !!f.prechat?.requireEmail, topics: f.prechat?.topics ?? []},
    ...(f.booking?.mode && f.booking.mode !== 'off' ? {booking: {mode: f.booking.mode}} : {}),
  };
}

export function createFirmService(models: Models) {
  const {Firm, Lawyer} = models;
  return {
    async createFirm(raw: z.input<typeof createFirmInput>, opts: {siteKey?: string; identitySecret?: string} = {}): Promise<{firm: Firm; siteKey: string; identitySecret: string}> {
      const input = createFirmInput.parse(raw);
      const siteKey = opts.siteKey ?? `site_pk_${randomToken(18)}`;
      const identitySecret = opts.identitySecret ?? `idsec_${randomToken(32)}`;
      const firm = await Firm.create({
        name: input.name,
        siteKey,
        identitySecret,
        allowedOrigins: [...new Set(input.allowedOrigins.map(normalizeOrigin))],
        branding: {accent: input.accent ?? '#1f4e79', greeting: input.greeting ?? 'Hello! How can we help with your case?', logoUrl: null},
        timeZone: input.timeZone ?? 'UTC',
        prechat: input.prechat ?? {enabled: false, requireEmail: false, topics: []},
      });
      return {firm: firm.toObject(), siteKey, identitySecret};
    },

    async createLawyer(raw: z.input<typeof createLawyerInput>): Promise<Lawyer> {
      const input = createLawyerInput.parse(raw);
      if (!(await Firm.exists({_id: new Types.ObjectId(input.firmId)}))) throw new AppError('not_found', 'firm not found');
      try {
        const lawyer = await Lawyer.create({
          firmId: new Types.ObjectId(input.firmId),
          name: input.name,
          email: input.email,
          passwordHash: await hashPassword(input.password),
          role: input.role,
          timeZone: input.timeZone ?? 'UTC',
        });
        return lawyer.toObject();
      } catch (err) {
        if ((err as {code?: number}).code === 11000) throw new AppError('conflict', `a lawyer with email ${input.email} already exists`);
        throw err;
      }
    },

    async findBySiteKey(siteKey: string): Promise<Firm | null> {
      return Firm.findOne({siteKey: String(siteKey)}).lean<Firm>();
    },

    /** A firm's lawyers by name (the console's assignment menu). */
    async listLawyers(firmId: string): Promise<Lawyer[]> {
      return Lawyer.find({firmId: new Types.ObjectId(firmId)}).sort({name: 1}).limit(200).lean<Lawyer[]>();
    },

    async setAllowedOrigins(firmId: string, origins: string[]): Promise<void> {
      await Firm.updateOne({_id: new Types.ObjectId(firmId)}, {$set: {allowedOrigins: [...new Set(origins.map(normalizeOrigin))]}});
    },
  };
}

export type FirmService = ReturnType<typeof createFirmService>;
