import type { z } from 'zod';
import {
  DesaCodeSchema,
  KabupatenCodeSchema,
  KecamatanCodeSchema,
  ProvinsiCodeSchema,
  TpsNumberSchema,
  type DesaCode,
  type KabupatenCode,
  type KecamatanCode,
  type ProvinsiCode,
} from '../codes/codes.ts';
import { ContestIdSchema, type ContestId } from '../tally/contest.ts';
import { BallotNumberSchema, ClockSchema, IsoDateSchema, PanelIdSchema, SeatsSchema } from './schema.ts';

/*
 * What the cross-reference rules read (codes, numbers, ids, dates), salvaged field by field from
 * a setup file that may not have the schema's shape as a whole. A field that is missing or
 * malformed is `undefined` — the schema reports it; the rules skip it — so one pass reports the
 * broken fields and the duplicates among the readable ones together. Lists keep the file's
 * indices, so every issue points at the place in the file. A list that is not a list at all is
 * `undefined`.
 */

export interface DesaDraft {
  code?: DesaCode | undefined;
  name?: string | undefined;
  tps?: readonly (number | undefined)[] | undefined;
}

export interface PartyDraft {
  number?: number | undefined;
  /** The short name the party is shown by (its abbreviation, or its name without one). */
  label?: string | undefined;
  labelField: 'name' | 'abbreviation';
  candidates?: readonly (number | undefined)[] | undefined;
}

export interface ContestDraft {
  id?: ContestId | undefined;
  dapil?: { name?: string | undefined; seats?: number | undefined } | undefined;
  /** PPWP pairs and DPD candidates: their ballot numbers. */
  candidates?: readonly (number | undefined)[] | undefined;
  parties?: readonly PartyDraft[] | undefined;
}

export interface AssignmentDraft {
  panel?: string | undefined;
  desa?: readonly (DesaCode | undefined)[] | undefined;
}

export interface DayDraft {
  date?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  assignments?: readonly AssignmentDraft[] | undefined;
}

export interface SetupDraft {
  provinsi?: ProvinsiCode | undefined;
  kabupaten?: KabupatenCode | undefined;
  kecamatan?: KecamatanCode | undefined;
  votingDate?: string | undefined;
  desa?: readonly DesaDraft[] | undefined;
  contests?: readonly ContestDraft[] | undefined;
  panels?: readonly (string | undefined)[] | undefined;
  timeZone?: string | undefined;
  days?: readonly DayDraft[] | undefined;
}

type Json = Record<string, unknown>;

const objectOf = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

const read = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | undefined => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** A list read item by item; undefined when the value is not a list at all. */
const listOf = <T>(value: unknown, item: (value: unknown) => T): readonly T[] | undefined => (Array.isArray(value) ? value.map(item) : undefined);

/** A name as the schema takes it (trimmed, not blank); only used to word messages. */
const nameOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

const codeAt = <S extends z.ZodType>(schema: S, region: unknown): z.infer<S> | undefined => read(schema, objectOf(region)?.code);

function desaDraft(value: unknown): DesaDraft {
  const desa = objectOf(value);
  return { code: read(DesaCodeSchema, desa?.code), name: nameOf(desa?.name), tps: listOf(desa?.tps, (n) => read(TpsNumberSchema, n)) };
}

function partyDraft(value: unknown): PartyDraft {
  const party = objectOf(value);
  const abbreviated = party !== undefined && party.abbreviation !== undefined;
  return {
    number: read(BallotNumberSchema, party?.number),
    label: nameOf(abbreviated ? party.abbreviation : party?.name),
    labelField: abbreviated ? 'abbreviation' : 'name',
    candidates: listOf(party?.candidates, (c) => read(BallotNumberSchema, objectOf(c)?.number)),
  };
}

function contestDraft(value: unknown): ContestDraft {
  const contest = objectOf(value);
  const dapil = objectOf(contest?.dapil);
  return {
    id: read(ContestIdSchema, contest?.id),
    dapil: dapil && { name: nameOf(dapil.name), seats: read(SeatsSchema, dapil.seats) },
    candidates: listOf(contest?.candidates, (c) => read(BallotNumberSchema, objectOf(c)?.number)),
    parties: listOf(contest?.parties, partyDraft),
  };
}

function dayDraft(value: unknown): DayDraft {
  const day = objectOf(value);
  return {
    date: read(IsoDateSchema, day?.date),
    start: read(ClockSchema, day?.start),
    end: read(ClockSchema, day?.end),
    assignments: listOf(day?.assignments, (a) => {
      const assignment = objectOf(a);
      return {
        panel: typeof assignment?.panel === 'string' ? assignment.panel : undefined,
        desa: listOf(assignment?.desa, (code) => read(DesaCodeSchema, code)),
      };
    }),
  };
}

/** The readable parts of a setup file (a valid setup yields every field). */
export function readSetupDraft(input: unknown): SetupDraft {
  const root = objectOf(input);
  const schedule = objectOf(root?.schedule);
  return {
    provinsi: codeAt(ProvinsiCodeSchema, root?.provinsi),
    kabupaten: codeAt(KabupatenCodeSchema, root?.kabupaten),
    kecamatan: codeAt(KecamatanCodeSchema, root?.kecamatan),
    votingDate: read(IsoDateSchema, objectOf(root?.election)?.votingDate),
    desa: listOf(root?.desa, desaDraft),
    contests: listOf(root?.contests, contestDraft),
    panels: listOf(root?.panels, (p) => read(PanelIdSchema, objectOf(p)?.id)),
    timeZone: typeof schedule?.timeZone === 'string' ? schedule.timeZone : undefined,
    days: listOf(schedule?.days, dayDraft),
  };
}

/** Every item of a list was readable (so a reference to something not in it is a real mistake). */
export const allRead = <T>(items: readonly (T | undefined)[] | undefined): items is readonly T[] => items !== undefined && items.every((i) => i !== undefined);
