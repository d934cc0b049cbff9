// This file reads directories and .txt files.
//
// A directory is walked with filepath.WalkDir, which visits entries in
// lexical order, so the output order does not depend on the file system.
// Each .txt file is one document, read whole on the calling goroutine, up
// to the record limit (4*MaxDocBytes + 1 MiB); .jsonl and .jsonl.gz files
// found on the way go through the JSONL pipeline; other files are ignored.
// A directory that cannot be read is a problem and the walk goes on.

package corpus

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// readDir reads the .txt, .jsonl and .jsonl.gz files under root.
func (r *reader) readDir(ctx context.Context, root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			r.problem(path, 0, errText(err))
			return nil // WalkDir skips what it could not read
		}
		if d.IsDir() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		switch kindOf(d.Name(), true) {
		case kindJSONL:
			return r.readJSONLFile(ctx, path)
		case kindTxt:
			rel, err := filepath.Rel(root, path)
			if err != nil { // cannot happen: path is under root
				rel = d.Name()
			}
			return r.readTxtFile(path, txtID(filepath.ToSlash(rel)))
		}
		return nil
	})
}

// txtID returns the id of a .txt file from its slash-separated path relative
// to the walked directory (or its base name): the path without extension.
func txtID(rel string) string {
	return strings.TrimSuffix(rel, filepath.Ext(rel))
}

// readTxtFile reads the .txt file path as one document with the given id.
func (r *reader) readTxtFile(path, id string) error {
	input := r.addInput(path)
	data, unread, err := readLimited(path, r.limit)
	if err != nil {
		r.problem(path, 0, errText(err))
		return nil
	}
	title, text, skip, warn := parseTxt(data, unread, r.opt.MaxDocBytes)
	if skip != "" {
		r.problem(path, 0, skip)
		return nil
	}
	return r.deliver(Document{ID: id, Title: title, Text: text, File: path}, input, warn)
}

// readLimited reads at most limit bytes of the file path. unread is the
// number of bytes left, as far as the file's size tells.
func readLimited(path string, limit int) (data []byte, unread int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	size := -1
	if fi, err := f.Stat(); err == nil {
		size = int(fi.Size())
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, int64(limit))); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), max(size-buf.Len(), 0), nil
}

// parseTxt makes the title and text of a .txt file from its content. The
// title is the first non-empty line, trimmed; the text is the whole content,
// title included. unread counts bytes of the file that were not read. If the
// file is unusable parseTxt returns the reason as skip; warn describes a
// truncation.
func parseTxt(data []byte, unread, maxDoc int) (title, text, skip, warn string) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	text = normalizeNewlines(toValidUTF8(string(data)))
	if isGarbage(text, "") {
		return "", "", "invalid UTF-8", ""
	}
	if text = strings.TrimSpace(dropNUL(text)); text == "" {
		return "", "", "empty document", ""
	}
	title, _, _ = strings.Cut(text, "\n")
	title, text, warn = limitDoc(strings.TrimSpace(title), text, maxDoc, unread)
	return title, text, "", warn
}
