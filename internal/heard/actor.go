package heard

// Role is what an account is for. Access to a person's record never follows
// from the role alone: it follows from a relation (see package policy).
type Role string

// The roles.
const (
	RolePerson       Role = "person"
	RoleNetwork      Role = "network"
	RoleProfessional Role = "professional"
	RoleLeader       Role = "leader"
	RoleResearcher   Role = "researcher"
	RoleAdmin        Role = "admin"
	// RoleSystem acts for the operator's command line (heard user create,
	// heard demo); no account has it and no login can produce it.
	RoleSystem Role = "system"
)

// Roles lists the roles an account can have, in the order forms show them.
var Roles = []Role{RolePerson, RoleNetwork, RoleProfessional, RoleLeader, RoleResearcher, RoleAdmin}

// Valid reports whether r is a role an account can have.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// Staff reports whether r works for the service. Staff sessions time out
// sooner and may be required to use two-factor login.
func (r Role) Staff() bool {
	switch r {
	case RoleProfessional, RoleLeader, RoleResearcher, RoleAdmin:
		return true
	}
	return false
}

// Actor is who is acting: the logged-in account, plus where the request came
// from, which the access log records. An actor's relation to a person is
// loaded separately, for each person, and never cached on the actor.
type Actor struct {
	AccountID      AccountID
	OrganisationID OrganisationID
	Role           Role
	PeerWorker     bool
	Name           string
	// PersonID is the actor's own person record when Role is RolePerson.
	PersonID   PersonID
	ClientAddr string
	RequestID  string
	// SinceSeq is where the access log stood at the end of the actor's
	// previous visit: what others wrote after it is new to them.
	SinceSeq int64
}

// SystemActor returns the actor for operator commands in organisation org.
func SystemActor(org OrganisationID) Actor {
	return Actor{AccountID: "system", OrganisationID: org, Role: RoleSystem, Name: "system", ClientAddr: "local"}
}
