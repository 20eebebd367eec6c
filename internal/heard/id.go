package heard

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// Typed identifiers keep an encounter ID from standing where a person ID
// belongs: the compiler refuses the mix-up. All are opaque, random and
// non-sequential, so a URL reveals neither how many records exist nor which
// ones are near each other.
type (
	OrganisationID    string
	UnitID            string
	AccountID         string
	PersonID          string
	CareRelationID    string
	NetworkLinkID     string
	EmergencyAccessID string
)

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// NewID returns a new random identifier of 128 bits, written as 26 lowercase
// characters of Crockford's base32 alphabet.
func NewID[T ~string]() T {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms.
	return T(idEncoding.EncodeToString(b[:]))
}

// ValidID reports whether s has the shape of an identifier made by NewID.
// Handlers use it to answer "not found" early for malformed input.
func ValidID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefghjkmnpqrstvwxyz", c) {
			return false
		}
	}
	return true
}
