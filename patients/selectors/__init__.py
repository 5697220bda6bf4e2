"""What the record is read as: worklists, the timeline, the plan's safety facts; programs reads the record here."""
