package main

import "flag"

// parseArgs parses the flags of fs wherever they stand among args and
// returns the other arguments in order, so that "cluster in.jsonl -o
// out.json" writes out.json instead of reading a file named -o. "-" alone
// is an argument (standard input), and "--" ends the flags: what follows it
// is arguments even if it starts with "-". It returns the first error of
// fs.Parse.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}
