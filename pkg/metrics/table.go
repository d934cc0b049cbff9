// The contingency table of two labelings.
//
// Labels are first replaced by dense integer ids in order of first
// appearance, which also counts the cluster sizes. The non-zero cells are then
// found without a map keyed by label pairs: the documents' gold ids are
// bucketed by predicted id (a counting sort), and each bucket is tallied into
// a scratch array indexed by gold id that is cleared again entry by entry, so
// the whole pass is O(n) and the cells come out grouped by row.

package metrics

// A table is the contingency table of a predicted and a gold labeling.
type table struct {
	n     int     // documents
	rows  []int64 // rows[i] is the size of predicted cluster i
	cols  []int64 // cols[j] is the size of gold cluster j
	cells []cell  // the non-zero cells, grouped by row
}

// A cell counts the documents in predicted cluster row and gold cluster col.
type cell struct {
	row, col int
	n        int64
}

// newTable builds the contingency table of pred and gold, which must have the
// same length. It allocates O(n) memory.
func newTable(pred, gold []string) table {
	pid, rows := intern(pred)
	gid, cols := intern(gold)
	return table{
		n:     len(pred),
		rows:  rows,
		cols:  cols,
		cells: tally(pid, gid, rows, len(cols)),
	}
}

// intern returns the id of each label, ids being dense and given in order of
// first appearance, and the number of labels with each id.
func intern(labels []string) (ids []int, sizes []int64) {
	index := make(map[string]int)
	ids = make([]int, len(labels))
	for i, l := range labels {
		id, ok := index[l]
		if !ok {
			id = len(sizes)
			index[l] = id
			sizes = append(sizes, 0)
		}
		ids[i] = id
		sizes[id]++
	}
	return ids, sizes
}

// tally returns the non-zero cells of the table of row ids pid and column ids
// gid, given the row totals and the number of columns.
func tally(pid, gid []int, rows []int64, ncols int) []cell {
	byRow, start := bucket(pid, gid, rows)
	count := make([]int64, ncols)
	var cells []cell
	for r := range rows {
		first := len(cells)
		for _, c := range byRow[start[r]:start[r+1]] {
			if count[c] == 0 {
				cells = append(cells, cell{row: r, col: c})
			}
			count[c]++
		}
		for k := first; k < len(cells); k++ {
			c := cells[k].col
			cells[k].n, count[c] = count[c], 0
		}
	}
	return cells
}

// bucket returns the column ids gid reordered by row id, with the ids of row
// r in byRow[start[r]:start[r+1]].
func bucket(pid, gid []int, rows []int64) (byRow, start []int) {
	start = make([]int, len(rows)+1)
	for r, size := range rows {
		start[r+1] = start[r] + int(size)
	}
	next := make([]int, len(rows))
	copy(next, start)
	byRow = make([]int, len(gid))
	for d, r := range pid {
		byRow[next[r]] = gid[d]
		next[r]++
	}
	return byRow, start
}
