package synd

// This file combines the edits into one syndicated copy, in the order a
// publisher would make them: cut, copy-edit, then wrap in its own header and
// footer.

import (
	"math/rand/v2"
	"time"
)

// Options describe the publisher running a copy and the material Copy may
// draw on.
type Options struct {
	Source string    // publisher running the copy
	Host   string    // its web host; made up from Source when empty
	Time   time.Time // when the copy runs
	Vocab  []string  // words to put in for changed words
	Alts   []string  // other headlines of the same story, for the new title

	// DropOrInsert lets half the copies lose a paragraph (or a sentence of
	// a short text) or, when Insert is set, gain Insert as a paragraph.
	DropOrInsert bool
	Insert       string
}

// Copy returns the headline and text of a syndicated copy of an article.
// The copy always gets a new headline and 1–4 % of its words changed; it
// is truncated to 60–90 % half the time, and gets a header 70 % and a
// footer 70 % of the time.
func Copy(r *rand.Rand, title, text string, o Options) (string, string) {
	if o.DropOrInsert && r.IntN(2) == 0 {
		if o.Insert != "" && r.IntN(2) == 0 {
			text = InsertParagraph(r, text, o.Insert)
		} else {
			text = DropParagraph(r, text)
		}
	}
	if r.IntN(2) == 0 {
		text = Truncate(text, 0.7+0.2*r.Float64())
	}
	text = EditWords(r, text, 0.01+0.03*r.Float64(), o.Vocab)
	if r.IntN(10) < 7 {
		text = Header(r, o.Source, o.Time) + ParaSep + text
	}
	if r.IntN(10) < 7 {
		text += ParaSep + Footer(r, o.Source, o.Host, o.Time)
	}
	return Retitle(r, title, o.Source, o.Alts), text
}
