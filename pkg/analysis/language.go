package analysis

// Languages are those Snowball stems. A record's lang field picks one by its
// ISO 639-1 code; an empty code means the analyzer's default language, and an
// unknown code means no stemming and no stop words (tokens are only folded).

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// language holds the stemmer and stop-word test of one language.
type language struct {
	code   string
	stem   func(word string, stemStopWords bool) string
	isStop func(word string) bool
}

var languages = []language{
	{"en", english.Stem, english.IsStopWord},
	{"es", spanish.Stem, spanish.IsStopWord},
	{"fr", french.Stem, french.IsStopWord},
	{"ru", russian.Stem, russian.IsStopWord},
	{"sv", swedish.Stem, swedish.IsStopWord},
	{"no", norwegian.Stem, norwegian.IsStopWord},
	{"hu", hungarian.Stem, hungarian.IsStopWord},
}

// unstemmed is the language used for codes Snowball does not know.
var unstemmed = language{
	code:   "",
	stem:   func(w string, _ bool) string { return w },
	isStop: func(string) bool { return false },
}

// lookupLanguage returns the language of an ISO 639-1 code (also accepting
// "nb" and "nn" for Norwegian and region suffixes such as "en-GB").
func lookupLanguage(code string) (language, bool) {
	if len(code) > 2 && (code[2] == '-' || code[2] == '_') {
		code = code[:2]
	}
	switch code {
	case "nb", "nn":
		code = "no"
	}
	for _, l := range languages {
		if l.code == code || (len(code) == 2 && l.code[0]|0x20 == code[0]|0x20 && l.code[1]|0x20 == code[1]|0x20) {
			return l, true
		}
	}
	return unstemmed, false
}

// Supported reports whether code names a language with a Snowball stemmer.
func Supported(code string) bool {
	_, ok := lookupLanguage(code)
	return ok
}
