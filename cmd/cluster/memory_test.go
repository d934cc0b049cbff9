package main

import "testing"

func TestParseMemoryLimit(t *testing.T) {
	for s, want := range map[string]int64{
		"auto": -1, "": -1, "off": 0, "0": 0,
		"3GiB": 3 << 30, "3500MiB": 3500 << 20, "4G": 4 << 30, "2gb": 2e9,
		"1.5GiB": 3 << 29, "123456": 123456, "64 MiB": 64 << 20,
	} {
		if got, err := parseMemoryLimit(s); err != nil || got != want {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"3x", "-1GiB", "GiB", "1e30"} {
		if _, err := parseMemoryLimit(s); err == nil {
			t.Errorf("parseMemoryLimit(%q) accepted", s)
		}
	}
}
