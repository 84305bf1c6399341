/*
 * The deterministic string `_id`s of a vote's rows: each row is one `{_id}` read away (the one cheap filter on
 * FerretDB). Rows stored by versions before these ids are rewritten once by scripts/migrate-ids.ts.
 */

/** A ballot log entry: `<consultation>:<seq>`. */
export const entryId = (consultationId: string, seq: number) => `${consultationId}:${seq}`;

/** A frozen electorate row: `<consultation>:<dwelling>`. */
export const memberId = (consultationId: string, dwellingId: string) => `${consultationId}:${dwellingId}`;

/** An effective ballot: `<consultation>:<question>:<dwelling>`. */
export const ballotId = (consultationId: string, questionId: string, dwellingId: string) => `${consultationId}:${questionId}:${dwellingId}`;
