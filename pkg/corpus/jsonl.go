// This file turns one JSONL line into a document or a problem.
//
// A line is decoded into a record reused by the worker (its
// json.RawMessage id keeps its buffer from line to line), so decoding
// allocates little more than the strings of the document: first by
// fastDecode (fastjson.go), which handles the usual records in one pass,
// and if it gives up by encoding/json, which also words the problem. Either
// way strings come out as valid UTF-8, invalid bytes replaced by U+FFFD;
// cleanDoc (text.go) then decides whether the record is binary garbage,
// removes NUL bytes and enforces MaxDocBytes. Each line yields at most one
// problem: the reason it was skipped, or the warnings about a kept document
// joined by "; ".

package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// readJSONL reads one JSONL stream named name.
func (r *reader) readJSONL(ctx context.Context, src io.Reader, name string) error {
	input := r.addInput(name)
	br, gz, err := openStream(src)
	if err != nil {
		r.problem(name, 0, streamErrText(err, gz))
		return nil
	}
	p := &pipeline{
		lr:      &lineReader{br: br, limit: r.limit},
		gz:      gz,
		name:    name,
		maxDoc:  r.opt.MaxDocBytes,
		workers: r.opt.Workers,
		free:    r.free,
	}
	return p.run(ctx, func(it item) error {
		if it.ok {
			return r.deliver(it.doc, input, it.msg)
		}
		r.problem(name, it.line, it.msg)
		return nil
	})
}

// record is the JSON form of a document. Unknown fields are ignored.
type record struct {
	ID        json.RawMessage `json:"id"` // string or number
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	Published string          `json:"published"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Lang      string          `json:"lang"`
}

// decoder decodes lines of one input. Each worker has its own.
type decoder struct {
	name   string // input name, for Document.File
	maxDoc int
	rec    record
	buf    []byte // scratch of fastDecode
}

// decode decodes the line numbered num. The document it returns shares no
// memory with line.
func (d *decoder) decode(line []byte, num int) item {
	it := item{line: num}
	if it.msg = d.unmarshal(line); it.msg != "" {
		return it
	}
	rec := &d.rec
	id, msg := recordID(rec.ID)
	if msg != "" {
		it.msg = msg
		return it
	}
	title, text, msg, warn := cleanDoc(rec.Title, rec.Text, d.maxDoc)
	if msg != "" {
		it.msg = msg
		return it
	}
	published, ok := parsePublished(rec.Published)
	if !ok {
		warn = joinWarn(warn, fmt.Sprintf("cannot parse published %s", quoteShort(rec.Published)))
	}
	it.doc = Document{
		ID:        id,
		Title:     title,
		Text:      text,
		Published: published,
		URL:       dropNUL(strings.TrimSpace(rec.URL)),
		Source:    dropNUL(strings.TrimSpace(rec.Source)),
		Lang:      dropNUL(strings.TrimSpace(rec.Lang)),
		File:      d.name,
		Line:      num,
	}
	it.ok, it.msg = true, warn
	return it
}

// unmarshal decodes line into d.rec and returns why it cannot be used, or "".
func (d *decoder) unmarshal(line []byte) string {
	d.rec = record{ID: d.rec.ID[:0]}
	c := firstByte(line)
	if c == '{' && d.fastDecode(line) {
		return ""
	}
	d.rec = record{ID: d.rec.ID[:0]}
	if c != '{' {
		// Only the syntax matters: the target has no fields.
		if err := json.Unmarshal(line, &struct{}{}); isSyntaxError(err) {
			return "malformed JSON: " + err.Error()
		}
		return "record is not a JSON object (" + jsonKind(c) + ")"
	}
	err := json.Unmarshal(line, &d.rec)
	if err == nil {
		return ""
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return fmt.Sprintf("wrong type for field %q: %s, want string", te.Field, te.Value)
	}
	return "malformed JSON: " + err.Error()
}

// isSyntaxError reports whether err is a JSON syntax error, nesting too
// deep included.
func isSyntaxError(err error) bool {
	_, ok := errors.AsType[*json.SyntaxError](err)
	return ok
}

// firstByte returns the first byte of b that is not JSON white space, or 0.
func firstByte(b []byte) byte {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
	}
	return 0
}

// jsonKind names the kind of the JSON value starting with c.
func jsonKind(c byte) string {
	switch c {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	case '{':
		return "object"
	}
	return "number"
}

// recordID returns the id held by raw: a string's value or a number's
// literal text, trimmed and without NUL bytes. If there is no usable id it
// returns the problem instead.
func recordID(raw json.RawMessage) (id, problem string) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", "missing id"
	}
	switch c := raw[0]; {
	case c == '"':
		id = unquote(raw)
	case c == '-' || '0' <= c && c <= '9':
		id = string(raw)
	default:
		return "", fmt.Sprintf("wrong type for field \"id\": %s, want string or number", jsonKind(c))
	}
	if id = dropNUL(strings.TrimSpace(id)); id == "" {
		return "", "empty id"
	}
	return id, ""
}

// unquote returns the value of the valid JSON string literal raw.
func unquote(raw json.RawMessage) string {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "" // cannot happen: raw was validated by the decoder
	}
	return s
}

// parsePublished parses a published field: RFC 3339 (a fraction of a
// second allowed), RFC 3339 without zone (taken as UTC) or YYYY-MM-DD. The
// time is returned in UTC. An empty field is the zero time; ok is false if
// s is not empty and cannot be parsed.
func parsePublished(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range [...]string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// quoteShort quotes s for a message, shortened to about 64 bytes.
func quoteShort(s string) string {
	const n = 64
	if len(s) <= n {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q...", cutAt(s, n))
}

// joinWarn joins two warnings about one document.
func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
