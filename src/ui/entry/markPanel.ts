/** The DOM id of the "Selesai dientri" panel (Enter on the last cell goes there). */
export const markPanelId = (idPrefix: string): string => `${idPrefix}entry-mark`;
