// This file is a fast path for decoding a JSONL record, used before
// encoding/json.
//
// json.Unmarshal scans a line twice (a validity check, then the decoding by
// reflection) and unquotes strings through a temporary buffer; on news
// records that is most of the reading time. fastDecode decodes the common
// shape of a record (one object whose keys are plain ASCII, the known fields
// holding strings or null, the id any value) in one pass, building each
// string directly. It validates everything it reads, unknown values
// included, and gives up on anything unusual: a syntax error, a value of
// the wrong type, invalid UTF-8 in a field, a key with escapes or non-ASCII
// bytes, nesting deeper than fastMaxDepth. The caller then decodes the line
// with encoding/json, which also words the problem. Whenever fastDecode
// succeeds, its record equals what json.Unmarshal produces (same field
// matching, case-insensitive; the last duplicate key wins; null leaves a
// string field alone; invalid surrogate escapes become U+FFFD); the fuzz
// test FuzzFastDecode checks this against encoding/json.

package corpus

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// fastMaxDepth is the deepest nesting of unknown values fastDecode follows.
const fastMaxDepth = 64

// Fields of a record, as matched by fieldOf.
const (
	fieldNone = iota
	fieldID
	fieldTitle
	fieldText
	fieldPublished
	fieldURL
	fieldSource
	fieldLang
)

// fastScanner reads one line of JSON.
type fastScanner struct {
	b   []byte
	i   int
	buf []byte // scratch for strings with escapes
}

// fastDecode decodes line into d.rec, which must be reset, and reports
// whether it could. If it could not, d.rec is partly filled.
func (d *decoder) fastDecode(line []byte) bool {
	s := fastScanner{b: line, buf: d.buf}
	ok := s.record(&d.rec)
	d.buf = s.buf[:0]
	return ok
}

// record decodes a whole line holding one object into rec.
func (s *fastScanner) record(rec *record) bool {
	s.space()
	if !s.eat('{') {
		return false
	}
	s.space()
	if s.eat('}') {
		return s.end()
	}
	for {
		s.space()
		key, ok := s.key()
		if !ok {
			return false
		}
		s.space()
		if !s.eat(':') {
			return false
		}
		s.space()
		if !s.field(rec, fieldOf(key)) {
			return false
		}
		s.space()
		if s.eat(',') {
			continue
		}
		if s.eat('}') {
			return s.end()
		}
		return false
	}
}

// field decodes the value of field f into rec.
func (s *fastScanner) field(rec *record, f int) bool {
	start := s.i
	switch f {
	case fieldNone:
		return s.skip(0)
	case fieldID:
		if !s.skip(0) {
			return false
		}
		rec.ID = append(rec.ID[:0], s.b[start:s.i]...)
		return true
	}
	if s.literal("null") {
		return true
	}
	v, ok := s.str()
	if !ok {
		return false
	}
	switch f {
	case fieldTitle:
		rec.Title = v
	case fieldText:
		rec.Text = v
	case fieldPublished:
		rec.Published = v
	case fieldURL:
		rec.URL = v
	case fieldSource:
		rec.Source = v
	case fieldLang:
		rec.Lang = v
	}
	return true
}

// fieldOf returns the field named key, ignoring ASCII case.
func fieldOf(key []byte) int {
	var lower [len("published")]byte
	if len(key) > len(lower) {
		return fieldNone
	}
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(key)]) {
	case "id":
		return fieldID
	case "title":
		return fieldTitle
	case "text":
		return fieldText
	case "published":
		return fieldPublished
	case "url":
		return fieldURL
	case "source":
		return fieldSource
	case "lang":
		return fieldLang
	}
	return fieldNone
}

// end reports whether only white space is left.
func (s *fastScanner) end() bool {
	s.space()
	return s.i == len(s.b)
}

// space skips JSON white space.
func (s *fastScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat consumes c if it comes next.
func (s *fastScanner) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// literal consumes lit if it comes next.
func (s *fastScanner) literal(lit string) bool {
	if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
		s.i += len(lit)
		return true
	}
	return false
}

// key reads an object key made of printable ASCII without escapes.
func (s *fastScanner) key() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return nil, false
		}
	}
	return nil, false
}

// skip validates and skips one value nested depth levels deep.
func (s *fastScanner) skip(depth int) bool {
	if s.i >= len(s.b) {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '{':
		return depth < fastMaxDepth && s.skipObject(depth+1)
	case c == '[':
		return depth < fastMaxDepth && s.skipArray(depth+1)
	case c == '"':
		return s.skipString()
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	}
	return s.literal("true") || s.literal("false") || s.literal("null")
}

// skipObject skips an object.
func (s *fastScanner) skipObject(depth int) bool {
	s.i++ // '{'
	s.space()
	if s.eat('}') {
		return true
	}
	for {
		s.space()
		if s.i >= len(s.b) || s.b[s.i] != '"' || !s.skipString() {
			return false
		}
		s.space()
		if !s.eat(':') {
			return false
		}
		s.space()
		if !s.skip(depth) {
			return false
		}
		s.space()
		if s.eat(',') {
			continue
		}
		return s.eat('}')
	}
}

// skipArray skips an array.
func (s *fastScanner) skipArray(depth int) bool {
	s.i++ // '['
	s.space()
	if s.eat(']') {
		return true
	}
	for {
		s.space()
		if !s.skip(depth) {
			return false
		}
		s.space()
		if s.eat(',') {
			continue
		}
		return s.eat(']')
	}
}

// skipString skips a string, checking its escapes. Like encoding/json, it
// accepts invalid UTF-8 in a value that is not decoded.
func (s *fastScanner) skipString() bool {
	s.i++ // '"'
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return true
		case c == '\\':
			if _, ok := s.escape(); !ok {
				return false
			}
		case c < 0x20:
			return false
		default:
			s.i++
		}
	}
	return false
}

// number skips a number.
func (s *fastScanner) number() bool {
	s.eat('-')
	switch {
	case s.eat('0'):
	case s.digits() == 0:
		return false
	}
	if s.eat('.') && s.digits() == 0 {
		return false
	}
	if s.eat('e') || s.eat('E') {
		if !s.eat('+') {
			s.eat('-')
		}
		if s.digits() == 0 {
			return false
		}
	}
	return true
}

// digits skips decimal digits and returns how many.
func (s *fastScanner) digits() int {
	start := s.i
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i - start
}

// str decodes a string value. It fails on invalid UTF-8, which
// encoding/json would replace.
func (s *fastScanner) str() (string, bool) {
	if !s.eat('"') {
		return "", false
	}
	rest := s.b[s.i:]
	q := bytes.IndexByte(rest, '"')
	if q < 0 {
		return "", false
	}
	if bytes.IndexByte(rest[:q], '\\') >= 0 {
		return s.strEscaped(q)
	}
	v := rest[:q]
	if hasControl(v) || !utf8.Valid(v) {
		return "", false
	}
	s.i += q + 1
	return string(v), true
}

// strEscaped decodes a string with escapes from s.i, where the next '"'
// is q bytes ahead. It copies the runs between escapes whole; the next '"'
// and '\\' are searched for only once passed, so the work is linear.
func (s *fastScanner) strEscaped(q int) (string, bool) {
	buf := s.buf[:0]
	quote, esc := s.i+q, -1
	for {
		if quote < s.i { // the quote found was escaped: find the next
			q := bytes.IndexByte(s.b[s.i:], '"')
			if q < 0 {
				return "", false
			}
			quote = s.i + q
		}
		if esc < s.i {
			esc = len(s.b)
			if e := bytes.IndexByte(s.b[s.i:], '\\'); e >= 0 {
				esc = s.i + e
			}
		}
		run := s.b[s.i:min(quote, esc)]
		if hasControl(run) {
			return "", false
		}
		buf = append(buf, run...)
		if quote < esc {
			s.i = quote + 1
			s.buf = buf
			if !utf8.Valid(buf) { // escapes never yield invalid UTF-8
				return "", false
			}
			return string(buf), true
		}
		s.i = esc
		r, ok := s.escape()
		if !ok {
			return "", false
		}
		buf = utf8.AppendRune(buf, r)
	}
}

// hasControl reports whether b holds a byte below 0x20, which JSON strings
// must escape. It tests 8 bytes at a time.
func hasControl(b []byte) bool {
	const highs, lows = 0x8080808080808080, 0x2020202020202020
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if (x-lows)&^x&highs != 0 { // some byte < 0x20
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// escape decodes the escape sequence at s.i, "\u" pairs of UTF-16
// surrogates included, the way encoding/json does: a surrogate that is not
// part of a valid pair becomes U+FFFD.
func (s *fastScanner) escape() (rune, bool) {
	if s.i+1 >= len(s.b) {
		return 0, false
	}
	c := s.b[s.i+1]
	s.i += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'u':
	default:
		return 0, false
	}
	r := hex4(s.b[s.i:])
	if r < 0 {
		return 0, false
	}
	s.i += 4
	if !utf16.IsSurrogate(r) {
		return r, true
	}
	if len(s.b)-s.i >= 6 && s.b[s.i] == '\\' && s.b[s.i+1] == 'u' {
		if dec := utf16.DecodeRune(r, hex4(s.b[s.i+2:])); dec != unicode.ReplacementChar {
			s.i += 6
			return dec, true
		}
	}
	return unicode.ReplacementChar, true
}

// hex4 decodes the 4 hex digits at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
