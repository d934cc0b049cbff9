package pipeline

import (
	"slices"
	"testing"
)

func TestVarTokensRoundTrip(t *testing.T) {
	toks := []uint32{0, 1, 63, 64, 127, 128, 8191, 8192, 1<<21 - 1, 1 << 21, 1<<31 - 1,
		capBit, capBit | 1, capBit | 64, capBit | 8192, capBit | (1<<31 - 1)}
	var enc []byte
	for _, tok := range toks {
		enc = appendVarToken(enc, tok)
	}
	if got := appendTokens(nil, enc); !slices.Equal(got, toks) {
		t.Errorf("decoded %v, want %v", got, toks)
	}
	if n := countTokens(enc); n != len(toks) {
		t.Errorf("countTokens = %d, want %d", n, len(toks))
	}
	if n := len(appendVarToken(nil, 8191)); n != 2 {
		t.Errorf("term 8191 takes %d bytes, want 2", n)
	}
	d := doc{tokens: enc}
	if got := d.body([]uint32{7, 7}); !slices.Equal(got, toks) {
		t.Errorf("body reuses its buffer wrongly: %v", got)
	}
}
