import { TransportError, transportFailure, type Transport } from '../../src/sync/index.ts';

/** A transport that looks up its target on every call (a test can cut or wrap the network in between). */
export function routedTransport(target: () => Transport): Transport {
  return {
    enrol: (req) => target().enrol(req),
    push: (ops) => target().push(ops),
    pull: (since, limit) => target().pull(since, limit),
    issueCode: (role, panel, signer) => target().issueCode(role, panel, signer),
    pushAudit: (entries) => target().pushAudit(entries),
    auditHead: () => target().auditHead(),
    recordAudit: (key) => target().recordAudit(key),
    recentAudit: (prefix) => target().recentAudit(prefix),
    reportAuditAlarm: async (report) => target().reportAuditAlarm?.(report),
    putBlob: async (sha256, tps, blob) => {
      const t = target();
      return t.putBlob ? t.putBlob(sha256, tps, blob) : { ok: false, error: { kind: 'network', sha256 } };
    },
    getBlob: async (sha256) => {
      const t = target();
      return t.getBlob ? t.getBlob(sha256) : { ok: false, error: { kind: 'network', sha256 } };
    },
  };
}

const offline = () => Promise.reject(new TransportError(transportFailure.network('offline')));

/** A transport that fails: every call throws a network error (the hall without a connection). */
export const offlineTransport: Transport = {
  enrol: offline,
  push: offline,
  pull: offline,
  issueCode: offline,
  pushAudit: offline,
  auditHead: offline,
  recordAudit: offline,
  recentAudit: offline,
};
