/** Row types of the directory and scheduling tables (migrations/0002_*). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DirectoryTables {}
