// Importing a module's jobs registers them; main.ts and workers import this file once.
export {};
