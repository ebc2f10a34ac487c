/** What a figure cell takes: up to three digits (0–999); empty means "not entered". */
export const DIGITS = /^\d{0,3}$/;

/** A fourth digit: refused and said so ("1234" is a misread of the paper, not "123"). */
export const TOO_LONG = /^\d{4,}$/;
