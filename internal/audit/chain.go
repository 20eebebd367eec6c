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
}

// Hash returns the hash of e over every field but Hash itself.
func Hash(e heard.AccessEntry) string {
	b, err := json.Marshal(hashed{
		Seq: e.Seq, At: e.At.UnixMicro(), ActorID: string(e.ActorID), ActorRole: string(e.ActorRole),
		Basis: string(e.Basis), PersonID: string(e.PersonID), Action: string(e.Action), ResourceID: e.ResourceID,
		Outcome: string(e.Outcome), Reason: string(e.Reason), ClientAddr: e.ClientAddr, RequestID: e.RequestID,
		PrevHash: e.PrevHash,
	})
	if err != nil {
		panic(fmt.Sprintf("audit: marshal of a flat struct of strings failed: %v", err)) // cannot happen
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
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
