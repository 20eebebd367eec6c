package heard

import (
	"net/mail"
	"strings"
	"time"
)

// Account is a login. A person's account is linked to their person record; a
// professional's account is their practitioner identity (FHIR Practitioner).
type Account struct {
	ID             AccountID
	OrganisationID OrganisationID
	Email          string
	Name           string
	Role           Role
	PeerWorker     bool
	// Locale is the language the account chose ("en", "nb"); empty means
	// "follow the browser".
	Locale      string
	TOTPEnabled bool
	CreatedAt   time.Time
	DisabledAt  time.Time
}

// Active reports whether the account may log in.
func (a Account) Active() bool { return a.DisabledAt.IsZero() }

// NormalizeEmail returns the form of an address used for look-ups: trimmed and
// lowercased, so "Ana@Example.test" and "ana@example.test" are one account.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Validate checks an account before it is created.
func (a Account) Validate() error {
	var p []Problem
	if addr, err := mail.ParseAddress(a.Email); err != nil || addr.Address != a.Email || len(a.Email) > 254 {
		p = append(p, Problem{Field: "email", Key: "account.email.invalid"})
	}
	if n := len(strings.TrimSpace(a.Name)); n == 0 || n > 120 {
		p = append(p, Problem{Field: "name", Key: "account.name.invalid"})
	}
	if !a.Role.Valid() {
		p = append(p, Problem{Field: "role", Key: "account.role.invalid"})
	}
	if a.PeerWorker && a.Role != RoleProfessional {
		p = append(p, Problem{Field: "peer_worker", Key: "account.peer_worker.invalid"})
	}
	return Invalid(p)
}
