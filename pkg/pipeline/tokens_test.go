package pipeline

import (
	"slices"
	"testing"
)

func TestPackedTokensRoundTrip(t *testing.T) {
	toks := []uint32{0, 1, 63, 64, 8192, 1<<15 - 2, 1<<15 - 1, 1 << 15, 1<<31 - 1,
		capBit, capBit | 1, capBit | 8192, capBit | (1<<15 - 2), capBit | (1<<15 - 1), capBit | (1<<31 - 1)}
	var enc []uint16
	for _, tok := range toks {
		enc = appendPackedToken(enc, tok)
	}
	if got := appendTokens(nil, enc); !slices.Equal(got, toks) {
		t.Errorf("unpacked %v, want %v", got, toks)
	}
	if n := countTokens(enc); n != len(toks) {
		t.Errorf("countTokens = %d, want %d", n, len(toks))
	}
	if n := len(appendPackedToken(nil, capBit|(1<<15-2))); n != 1 {
		t.Errorf("capitalised term 32766 takes %d values, want 1", n)
	}
	d := doc{tokens: enc}
	if got := d.body([]uint32{7, 7}); !slices.Equal(got, toks) {
		t.Errorf("body reuses its buffer wrongly: %v", got)
	}
}
