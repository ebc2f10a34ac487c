const KEY = 'rekap.firstRun.operatorName';

/**
 * The operator name typed on the first-run screen before any choice is made. It is stored as the
 * `operatorName` setting only with a setup, so a person who goes on to *Hubungkan ke server* would
 * otherwise type it again; kept in this tab's sessionStorage (it survives a reload, not the tab).
 */
export function rememberTypedName(name: string): void {
  try {
    sessionStorage.setItem(KEY, name);
  } catch {
    // Storage refused (private mode, quota): the enrolment form then simply asks for the name.
  }
}

/** The name typed on the first-run screen in this tab, or ''. */
export function typedName(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}
