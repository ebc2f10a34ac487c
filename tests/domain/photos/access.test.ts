import { describe, expect, it } from 'vitest';
import { DesaCodeSchema, TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import { photoWriteRefusal } from '../../../src/domain/photos/access.ts';
import type { Actor } from '../../../src/domain/workflow/actor.ts';

const TPS = TpsCodeSchema.parse('3509082001001');
const OWN = DesaCodeSchema.parse('3509082001');
const OTHER = DesaCodeSchema.parse('3509082002');

const CASES: { name: string; actor: Actor; refused: string | null }[] = [
  { name: 'the chair, anywhere', actor: { role: 'chair', panel: null, desa: [] }, refused: null },
  { name: "a clerk of the TPS's desa", actor: { role: 'clerk', panel: 'panel-1', desa: [OWN] }, refused: null },
  { name: 'a clerk of another panel', actor: { role: 'clerk', panel: 'panel-2', desa: [OTHER] }, refused: 'other-panel' },
  { name: 'a witness', actor: { role: 'witness', panel: null, desa: [] }, refused: 'read-only-role' },
  { name: 'Panwascam', actor: { role: 'panwas', panel: null, desa: [] }, refused: 'read-only-role' },
];

describe('who may attach photos to a form', () => {
  it.each(CASES)('$name → $refused', ({ actor, refused }) => {
    expect(photoWriteRefusal(actor, TPS)?.code ?? null).toBe(refused);
  });
});

describe('a finalised desa locks its forms’ photos', () => {
  it.each(CASES)('$name → desa-final unless refused for the role already', ({ actor, refused }) => {
    expect(photoWriteRefusal(actor, TPS, true)?.code ?? null).toBe(refused ?? 'desa-final');
  });
});
