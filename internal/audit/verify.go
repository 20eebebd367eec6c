package audit

import (
	"fmt"

	"github.com/heard-health/heard/internal/heard"
)

// Break describes the first place where the log is not what it claims to be.
type Break struct {
	// Seq is the sequence number of the first entry that fails, or of the
	// entry expected there when entries are missing.
	Seq    int64
	Reason string
}

func (b *Break) Error() string {
	return fmt.Sprintf("access log broken at entry %d: %s", b.Seq, b.Reason)
}

// Verifier checks a log entry by entry, in sequence order, so that a log of
// any length is verified in constant memory.
type Verifier struct {
	head   heard.AccessHead
	anchor *heard.AccessHead
	seen   bool // whether the anchor's entry has been seen
	broken *Break
}

// NewVerifier returns a verifier. With a non-nil anchor it also checks that
// the anchor's entry is still in the log, unchanged, which detects entries
// deleted from the end after the anchor was taken.
func NewVerifier(anchor *heard.AccessHead) *Verifier {
	return &Verifier{anchor: anchor}
}

// Add checks the next entry. After the first failure it returns the same
// *Break for every later call.
func (v *Verifier) Add(e heard.AccessEntry) error {
	if v.broken != nil {
		return v.broken
	}
	switch {
	case e.Seq != v.head.Seq+1:
		v.broken = &Break{Seq: v.head.Seq + 1, Reason: fmt.Sprintf("entry missing (next entry found is %d)", e.Seq)}
	case e.PrevHash != v.head.Hash:
		v.broken = &Break{Seq: e.Seq, Reason: "does not link to the entry before it"}
	case Hash(e) != e.Hash:
		v.broken = &Break{Seq: e.Seq, Reason: "contents changed after it was written"}
	}
	if v.broken != nil {
		return v.broken
	}
	if v.anchor != nil && e.Seq == v.anchor.Seq {
		if e.Hash != v.anchor.Hash {
			v.broken = &Break{Seq: e.Seq, Reason: "differs from the anchor"}
			return v.broken
		}
		v.seen = true
	}
	v.head = heard.AccessHead{Seq: e.Seq, Hash: e.Hash}
	return nil
}

// Finish checks the end of the log against the head that storage records
// and against the anchor, and returns the verified head.
func (v *Verifier) Finish(stored heard.AccessHead) (heard.AccessHead, error) {
	if v.broken != nil {
		return v.head, v.broken
	}
	if stored != v.head {
		return v.head, &Break{Seq: v.head.Seq + 1, Reason: fmt.Sprintf("log ends at entry %d but its head says %d", v.head.Seq, stored.Seq)}
	}
	if v.anchor != nil && v.anchor.Seq > 0 && !v.seen {
		return v.head, &Break{Seq: v.head.Seq + 1, Reason: fmt.Sprintf("log ends at entry %d but the anchor names entry %d: entries were removed from the end", v.head.Seq, v.anchor.Seq)}
	}
	return v.head, nil
}
