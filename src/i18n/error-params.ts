/** Values an error message may interpolate: limits and the offending name. */
export type ErrorParams = Readonly<{ max?: number | string; min?: number | string; name?: number | string }>;
