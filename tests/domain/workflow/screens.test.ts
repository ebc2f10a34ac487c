import { describe, expect, it } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import {
  controlsOf,
  formsReadOnly,
  mayDecideObjections,
  mayFinalise,
  roleView,
  STANDALONE_ACTOR,
  type Actor,
  type Control,
  type Role,
  type Screen,
} from '../../../src/domain/workflow/index.ts';

const DESA = '3509082001' as DesaCode;
const actor = (role: Role): Actor => ({ role, panel: role === 'clerk' ? 'panel-1' : null, desa: role === 'clerk' ? [DESA] : [] });

/** What each role's menu holds (issue 16): witnesses and Panwascam read, follow and object. */
const MENUS: Record<Role, Screen[]> = {
  chair: ['work', 'progress', 'dhasil', 'discrepancies', 'objections', 'finalisation', 'backup', 'verify', 'auditLog', 'kabupaten', 'sync', 'settings'],
  clerk: ['work', 'progress', 'dhasil', 'discrepancies', 'objections', 'finalisation', 'backup', 'verify', 'auditLog', 'sync', 'settings'],
  witness: ['progress', 'dhasil', 'discrepancies', 'objections', 'verify', 'auditLog', 'sync', 'settings'],
  panwas: ['progress', 'dhasil', 'discrepancies', 'objections', 'verify', 'auditLog', 'sync', 'settings'],
};

const ON = (...controls: Control[]) => controls;
/** The write controls each role is offered. */
const OFFERED: Record<Role, Control[]> = {
  chair: ON('type-figures', 'mark-entered', 'accept-warnings', 'verify-form', 'finalise', 'reopen', 'file-objection', 'decide-objection', 'link-corrections', 'backup-export'),
  clerk: ON('type-figures', 'mark-entered', 'accept-warnings', 'verify-form', 'file-objection', 'backup-export'),
  witness: ON('file-objection'),
  panwas: ON('file-objection'),
};

describe('roleView: what a role sees, from the tables the server enforces', () => {
  it.each(Object.keys(MENUS) as Role[])('%s: its menu, home and controls', (role) => {
    const view = roleView(actor(role));
    expect(view.screens).toEqual(MENUS[role]);
    expect(view.home).toBe(role === 'witness' || role === 'panwas' ? 'dhasil' : 'work');
    const offered = Object.entries(view.may).filter(([, v]) => v).map(([k]) => k);
    expect(offered).toEqual(OFFERED[role]);
    expect(view.readOnly).toBe(role === 'witness' || role === 'panwas');
  });

  it('agrees with the single-step questions the screens and the server ask', () => {
    for (const role of Object.keys(MENUS) as Role[]) {
      const a = actor(role);
      expect(controlsOf(role).finalise).toBe(mayFinalise(a));
      expect(controlsOf(role)['decide-objection']).toBe(mayDecideObjections(a));
      expect(controlsOf(role)['type-figures']).toBe(formsReadOnly(a, DESA) === null);
    }
  });

  it('a device never enrolled is the whole PPK: it sees everything', () => {
    expect(roleView(STANDALONE_ACTOR).screens).toEqual(MENUS.chair);
  });

  it('a clerk’s figures stop at its panel’s desa; a witness writes none', () => {
    expect(formsReadOnly(actor('clerk'), '3509082002' as DesaCode)).toMatchObject({ code: 'other-panel' });
    expect(formsReadOnly(actor('witness'), DESA)).toMatchObject({ code: 'read-only-role' });
  });
});
