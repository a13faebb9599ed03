// Tests read JSON bodies whose shape they then assert; `any` keeps those assertions short.
declare global {
  interface Response {
    json<T = any>(): Promise<T>;
  }
}
export {};
