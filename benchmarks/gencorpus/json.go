package main

// This file writes JSON strings by hand: the records are all strings in a
// fixed order, so escaping them straight into the chunk buffer avoids
// encoding/json's reflection and an allocation per record.

// hexDigits spell the \u00XX escapes of control characters.
const hexDigits = "0123456789abcdef"

// appendJSON appends s as a quoted JSON string. It escapes only what JSON
// requires (quote, backslash, control characters); s must be valid UTF-8,
// which every text the generator writes is, being cut at word boundaries
// out of valid JSON input.
func appendJSON[S ~string | ~[]byte](dst []byte, s S) []byte {
	return append(appendJSONBody(append(dst, '"'), s), '"')
}

// appendJSONBody appends s escaped for a JSON string, without quotes.
func appendJSONBody[S ~string | ~[]byte](dst []byte, s S) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}
