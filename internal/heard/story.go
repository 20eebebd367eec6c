package heard

// StoryID identifies a story in the pool.
type StoryID string

// StoryKind says which of the feedback's texts a story came from.
type StoryKind string

// The story kinds.
const (
	StoryHelped    StoryKind = "helped"
	StoryFeltWrong StoryKind = "felt_wrong"
)

// StoryKinds lists them in the order lists show them.
var StoryKinds = []StoryKind{StoryHelped, StoryFeltWrong}

// Story is one text a person gave the service as anonymous learning
// material, de-identified, stored apart from her record. It keeps nothing
// that leads back to her: no person, author, meeting or time finer than
// the month of the meeting. Her feedback keeps the story's ID, so that she
// can take it back.
type Story struct {
	ID             StoryID
	OrganisationID OrganisationID
	Kind           StoryKind
	// UnitID is the unit of the professional who recorded the meeting;
	// empty when they belong to none.
	UnitID        UnitID
	UnitName      string // filled when read
	Month         string // YYYY-MM
	EncounterKind EncounterKind
	Text          string
}
