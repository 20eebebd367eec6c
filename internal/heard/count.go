package heard

// CountState says how much of a count a reader may see.
type CountState string

// The states of a count.
const (
	// CountShown: the number is shown as it is.
	CountShown CountState = "shown"
	// CountFewer: the number is between 1 and the threshold and is shown as
	// "fewer than" the threshold, so it cannot single out a person.
	CountFewer CountState = "fewer"
	// CountWithheld: the number is hidden because, with a total beside it,
	// it would reveal a small number hidden elsewhere.
	CountWithheld CountState = "withheld"
)

// Count is a number of persons as a reader may see it. N is zero unless
// State is CountShown, so nothing that renders a Count can show more.
// Below is the threshold a CountFewer count is under.
type Count struct {
	N     int
	State CountState
	Below int
}
