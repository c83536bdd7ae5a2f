import { defineJob } from '../../jobs/registry.ts';
import { sendVolunteerReminders } from './reminders.ts';

/** Every minute: shift reminders that have come due go out by email and SMS (reminders.ts). */
export const volunteerRemindersJob = defineJob({
  queue: 'volunteers.tick',
  schedule: '* * * * *',
  async work(deps) {
    await sendVolunteerReminders(deps);
  },
});
