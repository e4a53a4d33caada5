// better-sqlite3-multiple-ciphers ships the better-sqlite3 typings, but its
// package.json "exports" hides them from TypeScript. Its API is better-sqlite3's.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database = require('better-sqlite3');
  export = Database;
}
