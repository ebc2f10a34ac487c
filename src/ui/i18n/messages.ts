/** A catalogue with the same keys as another, every leaf a string (the compiler checks none is missing). */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
