/**
 * A JSON response body as the tests read it. Tests assert bodies at run time (`expect(...)`), and a static type per
 * response would restate every zod schema in shared/; so this is the suite's one deliberate `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any route, checked by expect() at run time
export type Json = any;
