package report

// Fields used only by runs with saved state (cluster -state): the status of
// each story relative to the saved index, and documents that nearly
// duplicate a document saved on an earlier night. Without state they are
// absent from the JSON. With state, story ids (continued from saved
// stories) and statuses depend on the saved state as well as on the input.

// Story statuses relative to the saved state.
const (
	StatusNew       = "new"       // no saved story continues into it
	StatusUpdated   = "updated"   // continues a saved story (keeping its id) with new documents
	StatusUnchanged = "unchanged" // all its documents were already saved (a run repeated)
)

// EarlierDuplicate is a document of this run that nearly duplicates a
// document saved by an earlier run. Similarity and containment are
// estimated from the saved sketch of the earlier document.
type EarlierDuplicate struct {
	ID          string  `json:"id"`
	Of          string  `json:"of"`    // the earlier document
	Story       string  `json:"story"` // its saved story
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
}

// StateCounts counts stories by status and earlier duplicates.
type StateCounts struct {
	New               int `json:"new"`
	Updated           int `json:"updated"`
	Unchanged         int `json:"unchanged"`
	EarlierDuplicates int `json:"earlier_duplicates"`
	SavedStories      int `json:"saved_stories"` // in the state after this run
	Pruned            int `json:"pruned"`        // saved stories dropped as idle
}
