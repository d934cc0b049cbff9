package pipeline

// Body tokens are kept packed in 16 bits: a token (a term id, with the
// capitalisation flag in bit 31) becomes v = id<<1 | flag, stored as one
// uint16 when v < 0xFFFF, else as 0xFFFF and the low and high halves of v.
// Term ids are given in order of first sight, so frequent terms have small
// ids: on the generated corpus (18,531 terms at 100k articles) every token
// takes 2 bytes instead of 4, and the tokens were most of the live heap until
// the story vectors are built. The escape is rare, so decoding is one
// well-predicted branch per token (a varint, at 1.97 bytes a token, made
// shingling and signing 80% slower by its mispredicted branches).

// tokenEscape marks a token that does not fit in 16 bits.
const tokenEscape = 0xFFFF

// appendPackedToken appends the packing of tok to dst.
func appendPackedToken(dst []uint16, tok uint32) []uint16 {
	v := (tok&^capBit)<<1 | tok>>31
	if v < tokenEscape {
		return append(dst, uint16(v))
	}
	return append(dst, tokenEscape, uint16(v), uint16(v>>16))
}

// unpackToken returns the token at enc[i] and the index of the next one.
func unpackToken(enc []uint16, i int) (tok uint32, next int) {
	v := uint32(enc[i])
	if v == tokenEscape {
		v = uint32(enc[i+1]) | uint32(enc[i+2])<<16
		i += 2
	}
	return v>>1 | v<<31, i + 1
}

// appendTokens appends the tokens packed in enc to dst.
func appendTokens(dst []uint32, enc []uint16) []uint32 {
	for i := 0; i < len(enc); {
		var tok uint32
		tok, i = unpackToken(enc, i)
		dst = append(dst, tok)
	}
	return dst
}

// countTokens returns the number of tokens packed in enc.
func countTokens(enc []uint16) int {
	n := 0
	for i := 0; i < len(enc); {
		_, i = unpackToken(enc, i)
		n++
	}
	return n
}

// body returns the body tokens of d, unpacked into buf.
func (d *doc) body(buf []uint32) []uint32 {
	return appendTokens(buf[:0], d.tokens)
}
