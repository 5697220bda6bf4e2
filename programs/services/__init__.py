"""Every write of the programs app: the library, home programs, what the patient logs, and what the record is told."""
