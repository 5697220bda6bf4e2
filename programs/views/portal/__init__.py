"""The patient portal under /my/: today's exercises, the week, the diary, appointments and the record."""
