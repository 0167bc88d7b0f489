// @trellis/db: the Drizzle schema of the whole data model and the database client factory.
export * from './client';
export * from './listen';
export * from './schema/index';
export * from './scope';
export * from './vector';
