// Importing a module's jobs registers them; main.ts and workers import this file once.
export {};
import '../modules/duplicates/jobs.ts';
import '../modules/imports/jobs.ts';
import '../modules/fundraising/jobs.ts';
import '../modules/receipts/jobs.ts';
import '../modules/forms/jobs.ts';
import '../modules/mailings/jobs.ts';
import '../modules/sms/jobs.ts';
import '../modules/volunteers/jobs.ts';
