import type { DbOrTx } from "./client";

// A statement prepared once per database handle (the app's, or a transaction's) and reused after:
// the hottest reads skip building their SQL on every request.
export function preparedPerHandle<T>(prepare: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const statements = new WeakMap<DbOrTx, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
