// Package corpus reads news articles from directories of .txt files and from
// JSONL streams (plain, gzip-compressed or standard input).
//
// Reading is streaming: a JSONL file is never loaded whole, and each record is
// handed to the caller as soon as it is decoded. A bad record never stops the
// run: it becomes a Problem naming the file and line, and reading goes on with
// the next record. Only a failure that makes a whole input unreadable (a path
// that cannot be opened, a gzip stream that is corrupt from its first byte) is
// reported for that input, and the other inputs are still read.
package corpus

import "time"

// Document is one article as read from the corpus.
type Document struct {
	ID        string    // unique within a run
	Title     string    // headline; may be empty
	Text      string    // body text; may be empty when Title is not
	Published time.Time // zero when unknown
	URL       string
	Source    string // publisher or site
	Lang      string // ISO 639-1 code as given in the record; empty means the default language
	File      string // input the document came from
	Line      int    // line of the record in File (1-based; 0 for a .txt file)
}

// Problem is a record or input that could not be used, or was used only in part.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // 1-based; 0 when the problem concerns the whole file
	Message string `json:"message"`
	Skipped bool   `json:"skipped"` // the record was left out of the run (else it was used in part)
}
