package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// hashed is the canonical form of an entry for hashing. The field order is
// fixed by the struct, and times are integers, so both database engines and
// every Go version hash an entry the same way. Never reorder or rename.
type hashed struct {
	Seq        int64  `json:"seq"`
	At         int64  `json:"at"`
	ActorID    string `json:"actor"`
	ActorRole  string `json:"role"`
	Basis      string `json:"basis"`
	PersonID   string `json:"person"`
	Action     string `json:"action"`
	ResourceID string `json:"resource"`
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason"`
	ClientAddr string `json:"addr"`
	RequestID  string `json:"request"`
	PrevHash   string `json:"prev"`
	// Detail came later: omitted when empty, so entries written before it
	// hash as they always did.
	Detail string `json:"detail,omitempty"`
}

// Hash returns the hash of e over every field but Hash itself.
func Hash(e heard.AccessEntry) string {
	b, err := json.Marshal(hashed{
		Seq: e.Seq, At: e.At.UnixMicro(), ActorID: string(e.ActorID), ActorRole: string(e.ActorRole),
		Basis: string(e.Basis), PersonID: string(e.PersonID), Action: string(e.Action), ResourceID: e.ResourceID,
		Outcome: string(e.Outcome), Reason: string(e.Reason), ClientAddr: e.ClientAddr, RequestID: e.RequestID,
		PrevHash: e.PrevHash, Detail: e.Detail,
	})
	if err != nil {
		panic(fmt.Sprintf("audit: marshal of a flat struct of strings failed: %v", err)) // cannot happen
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// OpeningDigest is the digest of what an emergency access was opened with:
// who, for whom, why and for how long. The opening's log entry carries it.
func OpeningDigest(e heard.EmergencyAccess) string {
	return digest(string(e.ID), string(e.PersonID), string(e.ProfessionalID), string(e.Reason), e.Justification,
		strconv.FormatInt(e.Opened.UnixMicro(), 10), strconv.FormatInt(e.Expires.UnixMicro(), 10))
}

// ReviewDigest is the digest of a leader's review of an emergency access;
// the review's log entry carries it.
func ReviewDigest(e heard.EmergencyAccess) string {
	return digest(string(e.ID), string(e.ReviewedBy), strconv.FormatInt(e.Reviewed.UnixMicro(), 10), e.ReviewNote)
}

// digest hashes fields as a JSON array, which keeps field boundaries.
func digest(fields ...string) string {
	b, err := json.Marshal(fields)
	if err != nil {
		panic(fmt.Sprintf("audit: marshal of strings failed: %v", err)) // cannot happen
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CheckEmergency checks an emergency access against the digests in its
// opening and review entries (zero when the log has none): it returns a
// *Break naming the entry whose record was changed, or nil.
func CheckEmergency(e heard.EmergencyAccess, opening, review heard.AccessEntry) error {
	// Entries written before digests were kept (migration 0004) have an
	// empty Detail: their accesses can be checked only for existing.
	switch {
	case opening.Seq == 0:
		return &Break{Seq: 0, Reason: fmt.Sprintf("emergency access %s has no opening entry in the log", e.ID)}
	case opening.Detail != "" && opening.Detail != OpeningDigest(e):
		return &Break{Seq: opening.Seq, Reason: fmt.Sprintf("emergency access %s was changed after it was opened", e.ID)}
	case review.Detail != "" && review.Detail != ReviewDigest(e):
		return &Break{Seq: review.Seq, Reason: fmt.Sprintf("the review of emergency access %s was changed after it was recorded", e.ID)}
	}
	return nil
}

// Chain numbers and hashes entries so they continue the log whose newest
// entry is head, and returns them with the new head. Times are truncated to
// microseconds, the precision both engines store.
func Chain(head heard.AccessHead, entries []heard.AccessEntry) ([]heard.AccessEntry, heard.AccessHead) {
	out := make([]heard.AccessEntry, len(entries))
	for i, e := range entries {
		e.Seq = head.Seq + 1
		e.At = e.At.UTC().Truncate(time.Microsecond)
		e.PrevHash = head.Hash
		e.Hash = Hash(e)
		out[i] = e
		head = heard.AccessHead{Seq: e.Seq, Hash: e.Hash}
	}
	return out, head
}

// FormatAnchor writes a head as "SEQ:HASH", the form operators keep.
func FormatAnchor(h heard.AccessHead) string {
	return fmt.Sprintf("%d:%s", h.Seq, h.Hash)
}

// ParseAnchor reads the form written by FormatAnchor.
func ParseAnchor(s string) (heard.AccessHead, error) {
	seqText, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if !ok || err != nil || seq < 0 || (seq > 0 && len(hash) != sha256.Size*2) {
		return heard.AccessHead{}, fmt.Errorf("anchor %q: want SEQ:HASH as printed by heard audit anchor", s)
	}
	return heard.AccessHead{Seq: seq, Hash: hash}, nil
}
