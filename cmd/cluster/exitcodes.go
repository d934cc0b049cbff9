package main

// Exit statuses, for the cron wrapper. They are documented in the README.
const (
	exitOK         = 0 // report written, no input skipped
	exitFailure    = 1 // an unexpected failure (including cancellation)
	exitUsage      = 2 // bad flags or arguments
	exitSkipped    = 3 // report written, but some records were skipped (see its errors)
	exitNoInput    = 4 // nothing usable could be read
	exitNotWritten = 5 // the report or the state could not be written
	exitLocked     = 6 // another run holds the lock
	exitStrict     = 7 // -strict and some records were skipped: no report written
)
