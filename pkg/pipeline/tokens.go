package pipeline

// Body tokens are kept varint-encoded: a token (a term id, with the
// capitalisation flag in bit 31) is stored as the unsigned LEB128 varint of
// its term id shifted left by one, with the flag in bit 0. Term ids are given
// in order of first sight, so frequent terms have small ids: on the generated
// corpus a token takes 1.97 bytes instead of 4, and the tokens were most of
// the live heap until the story vectors are built. Every stage reads a body
// from start to end, so decoding costs one pass over its bytes.

// appendVarToken appends the encoding of tok to dst.
func appendVarToken(dst []byte, tok uint32) []byte {
	v := (tok&^capBit)<<1 | tok>>31
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

// appendTokens appends the tokens encoded in enc to dst.
func appendTokens(dst []uint32, enc []byte) []uint32 {
	var v uint32
	var shift uint
	for _, b := range enc {
		v |= uint32(b&0x7f) << shift
		if b < 0x80 {
			dst = append(dst, v>>1|v<<31)
			v, shift = 0, 0
			continue
		}
		shift += 7
	}
	return dst
}

// countTokens returns the number of tokens encoded in enc: the number of
// bytes that end a varint.
func countTokens(enc []byte) int {
	n := 0
	for _, b := range enc {
		if b < 0x80 {
			n++
		}
	}
	return n
}

// body returns the body tokens of d, decoded into buf.
func (d *doc) body(buf []uint32) []uint32 {
	return appendTokens(buf[:0], d.tokens)
}
