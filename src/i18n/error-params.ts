/** Values an error message may interpolate: limits, the offending name, a lockout's minutes. */
export type ErrorParams = Readonly<{
  max?: number | string;
  min?: number | string;
  name?: number | string;
  minutes?: number | string;
}>;
