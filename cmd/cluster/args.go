package main

import (
	"flag"
	"strings"
)

// parseArgs parses the flags of fs wherever they stand among args and
// returns the other arguments in order, so that "cluster in.jsonl -o
// out.json" writes out.json instead of reading a file named -o. It scans
// args as fs.Parse would: a flag of fs that is not boolean and has no
// "=value" takes the next argument as its value, whatever it looks like;
// "-" alone is an argument (standard input); "--", where it is not a
// flag's value, ends the flags, and what follows it is arguments even if it
// starts with "-". It returns nil and the error of fs.Parse, if any.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return parseFlags(fs, flags, append(rest, args[i+1:]...))
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
		default:
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return parseFlags(fs, flags, rest)
}

// parseFlags parses flags, which hold only flags and their values, with fs
// and returns rest, or nil and the error of fs.Parse.
func parseFlags(fs *flag.FlagSet, flags, rest []string) ([]string, error) {
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return rest, nil
}

// takesValue reports whether the flag argument a ("-name" or "--name")
// names a flag of fs that takes the next argument as its value: one that
// is not boolean and is not given as "-name=value".
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimPrefix(a[1:], "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false // fs.Parse reports it
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}
